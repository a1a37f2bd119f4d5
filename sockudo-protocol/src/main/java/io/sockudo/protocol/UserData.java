package io.sockudo.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code user_data} of a sign-in: {@code {"id": "...", "watchlist": ["..."], ...}}. Pusher
 * clients require {@code id} to be a non-empty string.
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
                    if (v != JsonToken.VALUE_STRING) {
                        throw refused("user_data id must be a string");
                    }
                    id = p.getText();
                } else if (name.equals("watchlist")) {
                    if (v == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    if (v != JsonToken.START_ARRAY) {
                        throw refused("user_data watchlist must be an array of user ids");
                    }
                    while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (v != JsonToken.VALUE_STRING) {
                            throw refused("user_data watchlist must be an array of user ids");
                        }
                        watchlist.add(p.getText());
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

    private static ProtocolException refused(String why) {
        return new ProtocolException(PusherError.unauthorized("Invalid user data: " + why));
    }
}
