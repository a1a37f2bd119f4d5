package io.sockudo.store.app.stored;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one object of a stored app: a row's columns, or an object inside its JSON.
 * Absent and null read as null; a value of the wrong type is a {@link MalformedAppException}.
 * Like sockudo, numbers and booleans may also be written as strings ({@code "100"},
 * {@code "true"}).
 */
final class Fields {

    private final String appId;
    private final String path;
    private final Map<String, ?> values;

    Fields(String appId, String path, Map<String, ?> values) {
        this.appId = appId;
        this.path = path;
        this.values = values;
    }

    static Fields empty(String appId, String path) {
        return new Fields(appId, path, Map.of());
    }

    /** The nested object under this name, parsed first when the store keeps it as JSON text. */
    Fields object(String name) {
        Object v = json(name);
        if (v == null) {
            return empty(appId, where(name));
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw bad(name, "an object");
        }
        return new Fields(appId, where(name), stringKeys(name, m));
    }

    /** The value under this name, parsed when it is JSON text, or null. */
    Object json(String name) {
        Object v = values.get(name);
        if (v instanceof String s) {
            if (s.isBlank()) {
                return null;
            }
            try {
                return JsonTree.parse(s);
            } catch (IllegalArgumentException e) {
                throw new MalformedAppException(appId, where(name) + " is not valid JSON (" + e.getMessage() + ")");
            }
        }
        return v;
    }

    /** The value under this name as an array of objects (for webhooks), or an empty list. */
    List<Fields> objects(String name) {
        Object v = json(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw bad(name, "an array");
        }
        java.util.ArrayList<Fields> out = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw bad(name + "[" + i + "]", "an object");
            }
            out.add(new Fields(appId, where(name) + "[" + i + "]", stringKeys(name, m)));
        }
        return out;
    }

    /** An array of strings (as a JSON array or the store's own list), or null when absent. */
    List<String> strings(String name) {
        Object v = json(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw bad(name, "an array of strings");
        }
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (Object e : list) {
            if (!(e instanceof String s)) {
                throw bad(name, "an array of strings");
            }
            out.add(s);
        }
        return out;
    }

    /** The names and values of this object (for maps like {@code headers}). */
    Map<String, ?> entries() {
        return values;
    }

    String text(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw bad(name, "a string");
        }
        return s;
    }

    Boolean bool(String name) {
        Object v = values.get(name);
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof Number n && (n.longValue() == 0 || n.longValue() == 1)) {
            return n.longValue() == 1;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw bad(name, "true or false");
    }

    /**
     * A non-negative whole number, or null when absent. Values above {@code max} are read as
     * {@code max}: sockudo keeps limits as unsigned 32-bit numbers, which may exceed an int.
     */
    Integer limit(String name, int max) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        BigDecimal n;
        try {
            n = v instanceof Number || v instanceof String ? new BigDecimal(v.toString().trim()) : null;
        } catch (NumberFormatException e) {
            n = null;
        }
        if (n == null || n.signum() < 0 || n.stripTrailingZeros().scale() > 0) {
            throw bad(name, "a whole number of at least 0");
        }
        return n.compareTo(BigDecimal.valueOf(max)) > 0 ? max : n.intValueExact();
    }

    MalformedAppException bad(String name, String expected) {
        Object v = values.get(name);
        String shown = v == null ? "nothing" : v.toString();
        if (shown.length() > 60) {
            shown = shown.substring(0, 60) + "…";
        }
        return new MalformedAppException(appId, where(name) + " should be " + expected + ", not " + shown);
    }

    String where(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private Map<String, ?> stringKeys(String name, Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw bad(name, "an object");
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> typed = (Map<String, ?>) m;
        return typed;
    }
}
