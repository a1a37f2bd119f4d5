package io.sockudo.protocol.filter;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

/**
 * An immutable set of strings for {@code in}/{@code nin} values and event names. Sorted in UTF-8
 * byte order and deduplicated once, so the JSON form does not depend on the order the client
 * wrote; membership allocates nothing.
 */
final class ValueSet {

    /**
     * Up to this size a scan of {@link String#equals} (which rejects on length first) beats
     * hashing; above it a hash lookup wins (TagFilterBenchmark: in with 20 values).
     */
    private static final int SCAN_MAX = 8;

    private final String[] sorted;
    /** Null when the set is small enough to scan. */
    private final Set<String> hashed;

    private ValueSet(String[] sorted) {
        this.sorted = sorted;
        this.hashed = sorted.length > SCAN_MAX ? Set.of(sorted) : null;
    }

    static ValueSet of(Collection<String> values) {
        String[] a = values.toArray(new String[0]);
        Arrays.sort(a, Utf8.ORDER);
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (n == 0 || !a[i].equals(a[n - 1])) {
                a[n++] = a[i];
            }
        }
        return new ValueSet(Arrays.copyOf(a, n));
    }

    boolean contains(String value) {
        if (hashed != null) {
            return hashed.contains(value);
        }
        for (String s : sorted) {
            if (s.equals(value)) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return sorted.length;
    }

    /** The {@code i}-th value in UTF-8 byte order. */
    String get(int i) {
        return sorted[i];
    }

    void writeJson(JsonGenerator g) throws IOException {
        g.writeStartArray();
        for (String s : sorted) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueSet other && Arrays.equals(sorted, other.sorted);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sorted);
    }

    @Override
    public String toString() {
        return Arrays.toString(sorted);
    }
}
