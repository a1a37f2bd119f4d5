package io.sockudo.adapter.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sockudo.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a frame's JSON into maps, lists, strings, numbers ({@link BigDecimal}), booleans and
 * nulls, so tests can look at fields without caring about their order.
 */
public final class JsonTree {

    private JsonTree() {
    }

    /** The JSON object in {@code json}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String json) {
        Object value = parse(json);
        if (!(value instanceof Map)) {
            throw new AssertionError("not a JSON object: " + json);
        }
        return (Map<String, Object>) value;
    }

    /** The object at a dotted path, e.g. {@code "data"}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, Object> root, String path) {
        Object v = at(root, path);
        if (!(v instanceof Map)) {
            throw new AssertionError(path + " is not an object in " + root);
        }
        return (Map<String, Object>) v;
    }

    /** The value at a dotted path, or null when absent. */
    @SuppressWarnings("unchecked")
    public static Object at(Map<String, Object> root, String path) {
        Object v = root;
        for (String segment : path.split("\\.")) {
            if (!(v instanceof Map)) {
                return null;
            }
            v = ((Map<String, Object>) v).get(segment);
        }
        return v;
    }

    public static Object parse(String json) {
        try (JsonParser p = Json.parser(json)) {
            Object value = read(p, p.nextToken());
            if (p.nextToken() != null) {
                throw new AssertionError("trailing content in " + json);
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    private static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if (map.containsKey(name)) {
                        throw new AssertionError("field " + name + " repeated");
                    }
                    map.put(name, read(p, p.nextToken()));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(read(p, next));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new BigDecimal(p.getText());
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
            default -> throw new AssertionError("unexpected " + t);
        }
    }
}
