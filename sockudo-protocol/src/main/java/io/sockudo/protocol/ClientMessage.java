package io.sockudo.protocol;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;

/**
 * A frame a client sent: {@code {"event": ..., "channel": ..., "data": ...}}.
 *
 * @param event   the event name, never null
 * @param channel the channel, or null when the frame has none
 * @param data    the payload exactly as sent, or null when absent
 */
public record ClientMessage(String event, String channel, RawJson data) {

    /**
     * Decodes a text frame.
     *
     * @throws ProtocolException with code 4000 when the frame is not a JSON object with a string
     *                           {@code event}, or a field has the wrong type
     */
    public static ClientMessage decode(byte[] utf8, int off, int len) {
        try (JsonParser p = Json.parser(utf8, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("a frame must be a JSON object");
            }
            String event = null;
            String channel = null;
            RawJson data = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "event" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw invalid("event must be a string");
                        }
                        event = p.getText();
                    }
                    case "channel" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            channel = p.getText();
                        } else if (value != JsonToken.VALUE_NULL) {
                            throw invalid("channel must be a string");
                        }
                    }
                    case "data" -> data = RawJson.capture(p, utf8, off);
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw invalid("unterminated JSON object");
            }
            if (p.nextToken() != null) {
                throw invalid("trailing data after the JSON object");
            }
            if (event == null || event.isEmpty()) {
                throw invalid("event is required");
            }
            return new ClientMessage(event, channel, data);
        } catch (StreamConstraintsException e) {
            throw invalid("the frame nests too deeply");
        } catch (JsonParseException e) {
            throw invalid("malformed JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw invalid("malformed JSON");
        }
    }

    static ProtocolException invalid(String detail) {
        return new ProtocolException(PusherError.invalidMessage(detail));
    }
}
