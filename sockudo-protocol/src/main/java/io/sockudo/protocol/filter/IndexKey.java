package io.sockudo.protocol.filter;

import java.util.Objects;

/**
 * One (tag key, tag value) pair under which an inverted index files a subscription; see
 * {@link IndexKeys}. Ordered by key, then value, both in UTF-8 byte order.
 */
public record IndexKey(String key, String value) implements Comparable<IndexKey> {

    public IndexKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public int compareTo(IndexKey o) {
        int c = Utf8.compare(key, o.key);
        return c != 0 ? c : Utf8.compare(value, o.value);
    }
}
