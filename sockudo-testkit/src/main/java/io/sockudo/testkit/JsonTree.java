package io.sockudo.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON into plain Java values (maps in document order, lists, strings, longs, doubles,
 * booleans, null), for assertions on frames and responses whose member order is not part of the
 * contract. Deliberately separate from the server's own codec, so a codec bug cannot hide itself;
 * for the same reason a repeated member fails the test.
 */
public final class JsonTree {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonTree() {
    }

    /** Parses a JSON document; fails the test when it is not JSON. */
    public static Object parse(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new AssertionError("empty JSON document");
            }
            Object value = read(p, t);
            if (p.nextToken() != null) {
                throw new AssertionError("trailing content after JSON value: " + json);
            }
            return value;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** Parses a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String json) {
        Object v = parse(json);
        if (!(v instanceof Map)) {
            throw new AssertionError("expected a JSON object, got " + json);
        }
        return (Map<String, Object>) v;
    }

    /** A value known to be a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        if (!(value instanceof Map)) {
            throw new AssertionError("expected a JSON object, got " + value);
        }
        return (Map<String, Object>) value;
    }

    /** A value known to be a JSON array. */
    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        if (!(value instanceof List)) {
            throw new AssertionError("expected a JSON array, got " + value);
        }
        return (List<Object>) value;
    }

    /** The JSON string literal of {@code s}, quotes included. */
    public static String quote(String s) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Follows a path of object keys and list indexes, e.g. {@code at(frame, "data", "code")}. */
    public static Object at(Object root, Object... path) {
        Object v = root;
        for (Object step : path) {
            if (step instanceof Integer i && v instanceof List<?> l) {
                v = i < l.size() ? l.get(i) : null;
            } else if (v instanceof Map<?, ?> m) {
                v = m.get(step);
            } else {
                return null;
            }
        }
        return v;
    }

    /** The object at a path of keys and indexes, e.g. {@code object(frame, "data")}; fails the test when it is not one. */
    public static Map<String, Object> object(Object root, Object... path) {
        Object v = at(root, path);
        if (!(v instanceof Map)) {
            throw new AssertionError("expected a JSON object at " + Arrays.toString(path) + " in " + root);
        }
        return map(v);
    }

    private static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if (m.containsKey(name)) {
                        // a reader keeping the first or the last would hide which one a client sees
                        throw new AssertionError("field " + name + " repeated");
                    }
                    m.put(name, read(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                    l.add(read(p, n));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected token " + t);
        }
    }
}
