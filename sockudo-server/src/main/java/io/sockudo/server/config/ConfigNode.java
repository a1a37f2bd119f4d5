package io.sockudo.server.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One value of the config tree, seen from the reader: typed accessors that fall back to a
 * default when the key is missing or {@code null}, and error messages that name the key (or the
 * environment variable) and what was expected.
 *
 * <p>The node remembers which keys were read. Whatever the reader never looked at is a sockudo
 * setting this server does not have yet; {@link #unsupportedKeys()} lists them so the launcher can
 * say so once instead of failing on a config file written for sockudo.
 */
final class ConfigNode {

    private static final Object ABSENT = new Object();
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_]+");

    private final String origin;
    private final String path;
    private final Object value;
    private final Map<String, ConfigNode> readKeys = new LinkedHashMap<>();
    private List<ConfigNode> readElements;
    private String unsupported;

    private ConfigNode(String origin, String path, Object value) {
        this.origin = origin;
        this.path = path;
        this.value = value;
    }

    /** The root of a tree read from {@code origin} (a file name, or a word for "no file"). */
    static ConfigNode root(Map<String, Object> tree, String origin) {
        return new ConfigNode(origin, "", tree);
    }

    String path() {
        return path;
    }

    /** Whether the key was given a value other than {@code null}. */
    boolean isSet() {
        return value != ABSENT && value != null;
    }

    /** Whether the key was written as {@code null} (as opposed to left out). */
    boolean isNull() {
        return value == null;
    }

    /** Whether the value is a string (from the file or the environment). */
    boolean isText() {
        return text() != null;
    }

    /** Whether the value is a JSON object. */
    boolean isObject() {
        return value instanceof Map<?, ?>;
    }

    /** Whether this object has the key, without counting it as read. */
    boolean has(String key) {
        return value instanceof Map<?, ?> map && map.get(key) != null;
    }

    /** Whether the value is the given word, ignoring case ({@code "none"}, {@code "inherit"}, ...). */
    boolean isWord(String word) {
        String text = text();
        return text != null && text.trim().equalsIgnoreCase(word);
    }

    /** A key of this object; missing keys and keys of a missing object give an unset node. */
    ConfigNode get(String key) {
        ConfigNode child = readKeys.get(key);
        if (child != null) {
            return child;
        }
        Object v;
        if (value instanceof Map<?, ?> map) {
            v = map.containsKey(key) ? map.get(key) : ABSENT;
        } else if (isSet()) {
            throw invalid("an object");
        } else {
            v = ABSENT;
        }
        child = new ConfigNode(origin, childPath(key), v);
        readKeys.put(key, child);
        return child;
    }

    /** Every key of an object whose keys are data (channel patterns, header names), all counted as read. */
    Map<String, ConfigNode> entries() {
        if (!isSet()) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid("an object");
        }
        Map<String, ConfigNode> out = new LinkedHashMap<>();
        for (Object key : map.keySet()) {
            out.put((String) key, get((String) key));
        }
        return out;
    }

    /** The elements of an array; unset gives none. */
    List<ConfigNode> elements() {
        if (readElements != null) {
            return readElements;
        }
        if (!isSet()) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw invalid("an array");
        }
        List<ConfigNode> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(new ConfigNode(origin, path + "[" + i + "]", list.get(i)));
        }
        readElements = List.copyOf(out);
        return readElements;
    }

    String string(String fallback) {
        if (!isSet()) {
            return fallback;
        }
        String text = text();
        if (text == null) {
            throw invalid("a string");
        }
        return text;
    }

    /** A string that must be given and not be empty. */
    String requiredString() {
        if (!isSet()) {
            throw problem("is required");
        }
        String s = string(null);
        if (s.isEmpty()) {
            throw problem("must not be empty");
        }
        return s;
    }

    /**
     * A string that must be given and not be empty, where a whole number stands for its decimal
     * string: sockudo users write app ids as {@code "id": 40000}.
     */
    String requiredIdentifier() {
        if (value instanceof Long || value instanceof BigInteger) {
            return value.toString();
        }
        if (isSet() && text() == null) {
            throw invalid("a string or a whole number");
        }
        return requiredString();
    }

    /** A string, or null when unset. */
    String optionalString() {
        return string(null);
    }

    boolean bool(boolean fallback) {
        if (!isSet()) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = text();
        Boolean parsed = text == null ? null : parseBoolean(text);
        if (parsed == null) {
            throw invalid("true or false");
        }
        return parsed;
    }

    /** A boolean, or null when unset. */
    Boolean optionalBool() {
        return isSet() ? bool(false) : null;
    }

    int integer(int min, int max, int fallback) {
        return (int) longInteger(min, max, fallback);
    }

    /** An integer, or null when unset. */
    Integer optionalInteger(int min, int max) {
        return isSet() ? integer(min, max, 0) : null;
    }

    /**
     * A whole number, from a JSON number or a string holding one (sockudo accepts {@code "100"}
     * wherever it takes a number, and environment variables are always text).
     */
    long longInteger(long min, long max, long fallback) {
        if (!isSet()) {
            return fallback;
        }
        String expected = "an integer from " + min + " to " + max;
        BigInteger n;
        if (value instanceof Long l) {
            n = BigInteger.valueOf(l);
        } else if (value instanceof BigInteger b) {
            n = b;
        } else if (text() != null) {
            try {
                n = new BigInteger(text().trim());
            } catch (NumberFormatException e) {
                throw invalid(expected);
            }
        } else {
            throw invalid(expected);
        }
        if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
            throw invalid(expected);
        }
        return n.longValueExact();
    }

    /**
     * A number that may have a fraction ({@code 0.5}), from a JSON number or a string holding
     * one, or null when unset.
     */
    Double optionalDecimal(double min, double max) {
        if (!isSet()) {
            return null;
        }
        String expected = "a number from " + min + " to " + max;
        BigDecimal n;
        if (value instanceof Long l) {
            n = BigDecimal.valueOf(l);
        } else if (value instanceof BigInteger b) {
            n = new BigDecimal(b);
        } else if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw invalid(expected);
            }
            n = BigDecimal.valueOf(d);
        } else if (text() != null) {
            try {
                n = new BigDecimal(text().trim());
            } catch (NumberFormatException e) {
                throw invalid(expected);
            }
        } else {
            throw invalid(expected);
        }
        if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw invalid(expected);
        }
        return n.doubleValue();
    }

    /** Strings of an array; unset gives the fallback. */
    List<String> strings(List<String> fallback) {
        if (!isSet()) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        for (ConfigNode e : elements()) {
            if (!e.isSet() || e.text() == null) {
                throw e.invalid("a string");
            }
            out.add(e.text());
        }
        return List.copyOf(out);
    }

    /** Reports this whole value as accepted but not supported yet, with the reason in brackets. */
    void unsupported(String why) {
        unsupported = path + " (" + why + ")";
    }

    /** Reports this value as accepted but not supported yet, showing the value given. */
    void unsupportedValue() {
        unsupported = path + "=" + describe(value);
    }

    /**
     * Keys present in the tree that the reader never read, and values it reported as not
     * supported, in file order. An unread object is listed once, not key by key.
     */
    List<String> unsupportedKeys() {
        List<String> out = new ArrayList<>();
        collect(out);
        return List.copyOf(out);
    }

    private void collect(List<String> out) {
        if (unsupported != null) {
            out.add(unsupported);
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                ConfigNode child = readKeys.get(key);
                if (child == null) {
                    out.add(childPath((String) key));
                } else {
                    child.collect(out);
                }
            }
        } else if (readElements != null) {
            for (ConfigNode e : readElements) {
                e.collect(out);
            }
        }
    }

    /** An error about this value that is not a type mismatch ("is required", "is used twice"). */
    ConfigException problem(String message) {
        return new ConfigException(where() + " " + message);
    }

    /** The value is not of the expected kind. */
    ConfigException invalid(String expected) {
        return new ConfigException(where() + ": expected " + expected + ", got " + describe(value));
    }

    private String where() {
        if (value instanceof EnvValue env) {
            return "environment variable " + env.name();
        }
        return origin + ": " + (path.isEmpty() ? "the top level" : path);
    }

    /** The value as text when it is a string (from the file or from the environment), else null. */
    private String text() {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof EnvValue env) {
            return env.text();
        }
        return null;
    }

    private String childPath(String key) {
        String part = PLAIN_KEY.matcher(key).matches() ? key : "[\"" + key + "\"]";
        if (path.isEmpty()) {
            return part;
        }
        return part.startsWith("[") ? path + part : path + "." + part;
    }

    /** {@code true|1|yes|on} and {@code false|0|no|off}, any case, as sockudo reads them; else null. */
    static Boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> Boolean.TRUE;
            case "false", "0", "no", "off" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** How a value is shown in an error: strings quoted and cut short, containers by kind. */
    static String describe(Object v) {
        if (v == ABSENT || v == null) {
            return "null";
        }
        if (v instanceof EnvValue env) {
            return quote(env.text());
        }
        if (v instanceof String s) {
            return quote(s);
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof List<?>) {
            return "an array";
        }
        return String.valueOf(v);
    }

    private static String quote(String s) {
        return "\"" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "\"";
    }
}
