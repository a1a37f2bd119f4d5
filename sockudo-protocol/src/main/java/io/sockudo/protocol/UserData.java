package io.sockudo.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code user_data} of a sign-in: {@code {"id": "...", "watchlist": ["..."], ...}}. Pusher
 * documents {@code id} as a non-empty string; an integer (Laravel and soketi apps send
 * {@code {"id": 1}}) is taken as its decimal string, as Pusher does in practice, so that user
 * {@code 1} is the same user whichever way its id was written. Watchlist ids likewise.
 *
 * @param id        the user's id
 * @param watchlist ids of users whose online status this user follows; empty when none
 */
public record UserData(String id, List<String> watchlist) {

    public UserData {
        watchlist = List.copyOf(watchlist);
    }

    /** @throws ProtocolException 4009 when user_data is not usable for a sign-in */
    public static UserData parse(String userData) {
        byte[] json = userData.getBytes(StandardCharsets.UTF_8);
        String id = null;
        List<String> watchlist = new ArrayList<>();
        try (JsonParser p = Json.parser(json, 0, json.length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw refused("user_data must be a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("id")) {
                    id = idText(p, v);
                    if (id == null) {
                        throw refused("user_data id must be a string or an integer");
                    }
                } else if (name.equals("watchlist")) {
                    if (v == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    if (v != JsonToken.START_ARRAY) {
                        throw refused("user_data watchlist must be an array of user ids");
                    }
                    while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                        String watched = idText(p, v);
                        if (watched == null) {
                            throw refused("user_data watchlist must be an array of user ids");
                        }
                        watchlist.add(watched);
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw refused("user_data is not a single JSON object");
            }
        } catch (IOException e) {
            throw refused("user_data is malformed JSON");
        }
        if (id == null || id.isEmpty()) {
            throw refused("user_data requires a non-empty string id");
        }
        return new UserData(id, watchlist);
    }

    /** A user id as text: a string as written, an integer as its decimal digits; null for anything else. */
    private static String idText(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (v == JsonToken.VALUE_NUMBER_INT) {
            return p.getBigIntegerValue().toString();
        }
        return null;
    }

    private static ProtocolException refused(String why) {
        return new ProtocolException(PusherError.unauthorized("Invalid user data: " + why));
    }
}
