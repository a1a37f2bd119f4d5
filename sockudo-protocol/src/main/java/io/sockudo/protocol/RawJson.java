package io.sockudo.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One JSON value kept as the exact UTF-8 text a client sent. Client event payloads are relayed
 * verbatim, so an object stays an object and numbers keep their spelling; nothing is re-encoded.
 */
public final class RawJson {

    private final byte[] utf8;
    private final JsonToken kind;

    private RawJson(byte[] utf8, JsonToken kind) {
        this.utf8 = utf8;
        this.kind = kind;
    }

    /** Copies the value the parser has just read the first token of, and advances past it. */
    static RawJson capture(JsonParser p, byte[] source, int sourceOffset) throws IOException {
        JsonToken t = p.currentToken();
        long start = p.currentTokenLocation().getByteOffset();
        if (t.isStructStart()) {
            p.skipChildren();
        } else {
            p.finishToken();
        }
        long end = p.currentLocation().getByteOffset();
        int from = sourceOffset + (int) start;
        return new RawJson(Arrays.copyOfRange(source, from, sourceOffset + (int) end), t);
    }

    /** A JSON string value holding {@code text}. */
    public static RawJson ofString(String text) {
        return new RawJson(Json.quote(text).getBytes(StandardCharsets.UTF_8), JsonToken.VALUE_STRING);
    }

    /**
     * Wraps JSON text that is already known to be one well-formed value (the caller vouches for
     * it; nothing is parsed here).
     */
    public static RawJson trusted(byte[] utf8, boolean isString) {
        return new RawJson(utf8.clone(), isString ? JsonToken.VALUE_STRING : JsonToken.START_OBJECT);
    }

    public boolean isString() {
        return kind == JsonToken.VALUE_STRING;
    }

    public boolean isObject() {
        return kind == JsonToken.START_OBJECT;
    }

    public boolean isNull() {
        return kind == JsonToken.VALUE_NULL;
    }

    /** The decoded string, when this is a JSON string. */
    public String stringValue() {
        if (!isString()) {
            throw new IllegalStateException("not a JSON string");
        }
        try (JsonParser p = Json.parser(utf8, 0, utf8.length)) {
            p.nextToken();
            return p.getText();
        } catch (IOException e) {
            throw new IllegalStateException("unreachable: the value was parsed before", e);
        }
    }

    /**
     * The JSON text to parse for the fields of a Pusher {@code data} payload, which clients send
     * either as an object or as a string that holds the object's JSON.
     */
    public byte[] payloadBytes() {
        return isString() ? stringValue().getBytes(StandardCharsets.UTF_8) : utf8.clone();
    }

    public int length() {
        return utf8.length;
    }

    /** Writes this value verbatim as a field value. */
    public void writeTo(com.fasterxml.jackson.core.JsonGenerator g) throws IOException {
        g.writeRawValue(new String(utf8, StandardCharsets.UTF_8));
    }

    /** The value's JSON text. */
    public String json() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawJson r && Arrays.equals(utf8, r.utf8);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(utf8);
    }

    @Override
    public String toString() {
        return json();
    }
}
