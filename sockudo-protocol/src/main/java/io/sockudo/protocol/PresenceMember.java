package io.sockudo.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A presence channel member, from the {@code channel_data} an auth endpoint signed:
 * {@code {"user_id": "1" | 1, "user_info": {...}}}.
 *
 * @param userId       the id as a string (the key members are counted by)
 * @param userIdJson   the id as it was written, a JSON string or integer, echoed in member events
 * @param userInfo     the member's info, raw JSON; {@code {}} when the app sent none
 */
public record PresenceMember(String userId, String userIdJson, String userInfo) {

    private static final String EMPTY_INFO = "{}";

    /**
     * @throws ProtocolException 4000 unless channel_data is an object with a non-empty string or
     *                           integer {@code user_id}
     */
    public static PresenceMember parse(String channelData) {
        if (channelData == null || channelData.isEmpty()) {
            throw ClientMessage.invalid("presence channels require channel_data");
        }
        byte[] json = channelData.getBytes(StandardCharsets.UTF_8);
        String userId = null;
        String userIdJson = null;
        String userInfo = EMPTY_INFO;
        try (JsonParser p = Json.parser(json, 0, json.length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw ClientMessage.invalid("channel_data must be a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("user_id")) {
                    if (v == JsonToken.VALUE_STRING) {
                        userId = p.getText();
                        userIdJson = Json.quote(userId);
                    } else if (v == JsonToken.VALUE_NUMBER_INT) {
                        userId = p.getText();
                        userIdJson = userId;
                    } else {
                        throw ClientMessage.invalid("channel_data user_id must be a string or an integer");
                    }
                } else if (name.equals("user_info")) {
                    RawJson info = RawJson.capture(p, json, 0);
                    userInfo = info.isNull() ? EMPTY_INFO : info.json();
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw ClientMessage.invalid("channel_data is not a single JSON object");
            }
        } catch (IOException e) {
            throw ClientMessage.invalid("channel_data is malformed JSON");
        }
        if (userId == null || userId.isEmpty()) {
            throw ClientMessage.invalid("channel_data requires a user_id");
        }
        return new PresenceMember(userId, userIdJson, userInfo);
    }

    /** Size of the member's info in bytes, the quantity {@code max_presence_member_size_in_kb} limits. */
    public int userInfoSize() {
        return userInfo.getBytes(StandardCharsets.UTF_8).length;
    }
}
