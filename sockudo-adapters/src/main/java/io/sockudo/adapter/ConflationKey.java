package io.sockudo.adapter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sockudo.protocol.Json;
import java.io.IOException;

/**
 * Reads the conflation key of an event: the value at a dotted path into its data ({@code sym},
 * {@code quote.symbol}; a leading {@code data.} is allowed). HTTP API events carry data as a
 * JSON string, which is parsed for this. Strings are used as they are, numbers by their text,
 * booleans as {@code true}/{@code false}; anything else, or a missing value, gives "" — the
 * event then belongs to the channel's default chain.
 */
final class ConflationKey {

    private ConflationKey() {
    }

    static String extract(String data, String path) {
        if (path == null || path.isEmpty() || data == null || data.isEmpty() || data.charAt(0) != '{') {
            return "";
        }
        String[] segments = (path.startsWith("data.") ? path.substring(5) : path).split("\\.");
        try (JsonParser p = Json.parser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "";
            }
            for (int depth = 0; depth < segments.length; depth++) {
                JsonToken value = seek(p, segments[depth]);
                if (value == null) {
                    return "";
                }
                boolean last = depth == segments.length - 1;
                if (last) {
                    return switch (value) {
                        case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getText();
                        case VALUE_TRUE -> "true";
                        case VALUE_FALSE -> "false";
                        default -> "";
                    };
                }
                if (value != JsonToken.START_OBJECT) {
                    return "";
                }
            }
            return "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Moves to the value of a field of the current object; null when absent. */
    private static JsonToken seek(JsonParser p, String field) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals(field)) {
                return v;
            }
            p.skipChildren();
        }
        return null;
    }
}
