package io.sockudo.protocol;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The top-level fields of a {@code pusher:*} event's {@code data}, which may be an object or a
 * string holding the object's JSON. Values are kept raw; the typed accessors refuse wrong types
 * with a 4000 error instead of guessing.
 */
final class DataFields {

    private final Map<String, RawJson> fields;

    private DataFields(Map<String, RawJson> fields) {
        this.fields = fields;
    }

    static DataFields of(RawJson data, String event) {
        if (data == null || data.isNull()) {
            throw ClientMessage.invalid(event + " requires data");
        }
        if (!data.isString() && !data.isObject()) {
            throw ClientMessage.invalid(event + " data must be an object");
        }
        byte[] json = data.payloadBytes();
        Map<String, RawJson> fields = new HashMap<>();
        try (JsonParser p = Json.parser(json, 0, json.length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw ClientMessage.invalid(event + " data must be an object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                fields.put(name, RawJson.capture(p, json, 0));
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw ClientMessage.invalid(event + " data is not a single JSON object");
            }
        } catch (JsonParseException e) {
            throw ClientMessage.invalid(event + " data is malformed JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw ClientMessage.invalid(event + " data is malformed JSON");
        }
        return new DataFields(fields);
    }

    /** A string field; null when absent or JSON null; 4000 for any other type. */
    String string(String name) {
        RawJson v = fields.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw ClientMessage.invalid(name + " must be a string");
        }
        return v.stringValue();
    }

    String requiredString(String name) {
        String s = string(name);
        if (s == null) {
            throw ClientMessage.invalid(name + " is required");
        }
        return s;
    }

    RawJson raw(String name) {
        RawJson v = fields.get(name);
        return v == null || v.isNull() ? null : v;
    }
}
