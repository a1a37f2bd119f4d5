package io.sockudo.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.sockudo.protocol.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON document into plain values: {@link LinkedHashMap} for objects (in file order),
 * {@link ArrayList} for arrays, {@code String}, {@code Long} (or {@code BigInteger}),
 * {@code Double}, {@code Boolean}, and {@code null}.
 */
final class JsonTree {

    private JsonTree() {
    }

    static Object parse(String text, String origin) {
        try (JsonParser p = Json.parser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ConfigException(origin + ": the file is empty; write {} for all defaults");
            }
            Object root = read(p, first, origin);
            if (p.nextToken() != null) {
                throw at(origin, p.currentTokenLocation(), "unexpected content after the end of the JSON document");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw at(origin, e.getLocation(), "invalid JSON: " + e.getOriginalMessage().replace('\n', ' '));
        } catch (IOException e) {
            throw new ConfigException(origin + ": " + e.getMessage());
        }
    }

    private static Object read(JsonParser p, JsonToken token, String origin) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonLocation where = p.currentTokenLocation();
                    // a repeated key would silently drop one of the two settings
                    if (object.containsKey(name)) {
                        throw at(origin, where, "the key \"" + name + "\" appears twice in one object");
                    }
                    object.put(name, read(p, p.nextToken(), origin));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(read(p, t, origin));
                }
                yield array;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw at(origin, p.currentTokenLocation(), "unexpected " + token);
        };
    }

    private static ConfigException at(String origin, JsonLocation where, String message) {
        if (where == null || where.getLineNr() < 0) {
            return new ConfigException(origin + ": " + message);
        }
        return new ConfigException(origin + ": line " + where.getLineNr() + ", column " + where.getColumnNr() + ": " + message);
    }
}
