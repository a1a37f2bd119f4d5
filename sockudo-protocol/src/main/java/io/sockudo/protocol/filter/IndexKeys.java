package io.sockudo.protocol.filter;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Where an inverted index should file a subscription, derived from its filter.
 *
 * <p>The guarantee: <b>every message the filter matches carries at least one of these
 * (key, value) pairs in its tags.</b> So an index that maps each pair to its subscriptions finds
 * every subscriber a message can go to by looking up the message's own tag pairs, and then
 * confirms each candidate with {@link TagFilter#matches}. Candidates that do not match (a
 * shared pair, a hash collision in the index) are dropped there, never delivered to.
 *
 * <p>A filter that can match a message without any such pair ({@code neq}, {@code nex},
 * {@code not}, a prefix test, a numeric range, an {@code or} with one such branch, ...) is
 * {@linkplain #isIndexable() not indexable} and must be evaluated for every message.
 */
public final class IndexKeys {

    /**
     * Above this many pairs a subscription would cost the index more memory than evaluating it
     * per message costs time.
     */
    static final int MAX_PAIRS = 500;

    public static final IndexKeys NOT_INDEXABLE = new IndexKeys(null);

    /** Sorted and distinct; null when not indexable. */
    private final IndexKey[] pairs;

    private IndexKeys(IndexKey[] pairs) {
        this.pairs = pairs;
    }

    static IndexKeys of(Collection<IndexKey> pairs) {
        TreeSet<IndexKey> distinct = new TreeSet<>(pairs);
        if (distinct.isEmpty() || distinct.size() > MAX_PAIRS) {
            return NOT_INDEXABLE;
        }
        return new IndexKeys(distinct.toArray(new IndexKey[0]));
    }

    /** The pairs of all of {@code parts}, or not indexable if any part is not. */
    static IndexKeys union(List<IndexKeys> parts) {
        TreeSet<IndexKey> all = new TreeSet<>();
        for (IndexKeys part : parts) {
            if (!part.isIndexable()) {
                return NOT_INDEXABLE;
            }
            all.addAll(Arrays.asList(part.pairs));
            if (all.size() > MAX_PAIRS) {
                return NOT_INDEXABLE;
            }
        }
        return of(all);
    }

    public boolean isIndexable() {
        return pairs != null;
    }

    /** The pairs in {@link IndexKey} order; empty when not indexable. */
    public List<IndexKey> pairs() {
        return pairs == null ? List.of() : List.of(pairs);
    }

    /** Number of pairs; 0 when not indexable. */
    public int size() {
        return pairs == null ? 0 : pairs.length;
    }

    /** Whether {@code tags} holds one of the pairs: the guarantee, stated as code. */
    public boolean isHitBy(Tags tags) {
        if (pairs == null) {
            return false;
        }
        for (IndexKey pair : pairs) {
            if (pair.value().equals(tags.get(pair.key()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexKeys other && Arrays.equals(pairs, other.pairs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(pairs);
    }

    @Override
    public String toString() {
        return pairs == null ? "IndexKeys[not indexable]" : "IndexKeys" + Arrays.toString(pairs);
    }
}
