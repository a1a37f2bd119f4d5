package io.sockudo.protocol.filter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tags a publisher attaches to a message ({@code "tags":{"sym":"BTC","venue":"x"}} on an
 * HTTP API event): an immutable string-to-string map.
 *
 * <p>Keys are kept sorted in UTF-8 byte order (code point order), the order sockudo writes them
 * in, so {@link #writeJson} gives the same bytes for the same tags whatever order they arrived
 * in. That matters because the tags are part of the frame a delta is computed against. Every
 * method that takes or returns an index uses this order.
 *
 * <p>Values that read as numbers are converted once, here, so that numeric comparisons in
 * filters cost nothing per subscriber.
 */
public final class Tags {

    public static final Tags EMPTY = new Tags(new String[0], new String[0]);

    private static final int SCAN_MAX = 8;

    private final String[] keys;
    private final String[] values;
    /** Each value as a number, NaN where it is not one; see {@link NumericText}. */
    private final double[] numbers;

    private Tags(String[] keys, String[] values) {
        this.keys = keys;
        this.values = values;
        this.numbers = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            numbers[i] = NumericText.toDouble(values[i]);
        }
    }

    /** A copy of {@code map}; neither keys nor values may be null. */
    public static Tags of(Map<String, String> map) {
        if (map.isEmpty()) {
            return EMPTY;
        }
        TreeMap<String, String> sorted = new TreeMap<>(Utf8.ORDER);
        map.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new NullPointerException("tags cannot hold null keys or values");
            }
            sorted.put(k, v);
        });
        return fromSorted(sorted);
    }

    /**
     * Reads a JSON object whose values are all strings. The parser is positioned at the object
     * (its {@code START_OBJECT} is the current token) or just before it; on return the current
     * token is the object's {@code END_OBJECT}. JSON {@code null} reads as {@link #EMPTY}, as an
     * absent {@code tags} field would. A repeated key keeps its last value.
     *
     * @throws FilterException when the value is not such an object (the message can be sent to
     *     the API caller as is)
     * @throws IOException when the parser itself fails, for example on malformed JSON
     */
    public static Tags parse(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == null || token == JsonToken.FIELD_NAME) {
            token = p.nextToken();
        }
        if (token == JsonToken.VALUE_NULL) {
            return EMPTY;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new FilterException("tags: must be an object of strings, not "
                    + FilterException.describe(token));
        }
        TreeMap<String, String> sorted = new TreeMap<>(Utf8.ORDER);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            if (value != JsonToken.VALUE_STRING) {
                throw new FilterException("tags: the value of " + FilterException.quote(key)
                        + " must be a string, not " + FilterException.describe(value));
            }
            sorted.put(key, p.getText());
        }
        return sorted.isEmpty() ? EMPTY : fromSorted(sorted);
    }

    private static Tags fromSorted(TreeMap<String, String> sorted) {
        String[] keys = new String[sorted.size()];
        String[] values = new String[sorted.size()];
        int i = 0;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            keys[i] = e.getKey();
            values[i] = e.getValue();
            i++;
        }
        return new Tags(keys, values);
    }

    public int size() {
        return keys.length;
    }

    public boolean isEmpty() {
        return keys.length == 0;
    }

    /** The {@code i}-th key in UTF-8 byte order. */
    public String key(int i) {
        return keys[i];
    }

    /** The value of {@link #key(int) key(i)}. */
    public String value(int i) {
        return values[i];
    }

    /** The value of {@code key}, or null when the message has no such tag. */
    public String get(String key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    /** Position of {@code key}, or a negative number when absent. Allocates nothing. */
    int indexOf(String key) {
        // Messages carry a handful of tags, and there a scan of String.equals (which rejects on
        // length first) is about twice as fast as a binary search (TagFilterBenchmark).
        if (keys.length <= SCAN_MAX) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }
        int lo = 0;
        int hi = keys.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Utf8.compare(keys[mid], key);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** The value at {@code i} as a number, NaN when it is not one. */
    double number(int i) {
        return numbers[i];
    }

    /** Writes {@code {"k":"v",...}} with keys in UTF-8 byte order. */
    public void writeJson(JsonGenerator g) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < keys.length; i++) {
            g.writeFieldName(keys[i]);
            g.writeString(values[i]);
        }
        g.writeEndObject();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tags other
                && Arrays.equals(keys, other.keys)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(keys) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(keys[i]).append('=').append(values[i]);
        }
        return b.append('}').toString();
    }
}
