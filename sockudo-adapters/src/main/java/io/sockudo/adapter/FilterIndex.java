package io.sockudo.adapter;

import io.sockudo.protocol.filter.IndexKey;
import io.sockudo.protocol.filter.IndexKeys;
import io.sockudo.protocol.filter.TagFilter;
import io.sockudo.protocol.filter.Tags;
import java.util.HashMap;
import java.util.Map;

/**
 * The filtered subscriptions of one channel on one shard, indexed so that a publish looks only
 * at candidates: a filter that can only match messages carrying one of a few (key, value) tags
 * is filed under each of them; filters that could match anything ({@code neq}, {@code not},
 * ranges, ...) are scanned. Every candidate is then checked with its full filter, so the index
 * can only narrow, never misdeliver. Unfiltered subscriptions are kept apart so they cost no
 * evaluation at all. Confined to the shard's thread.
 */
final class FilterIndex {

    private final MemberSet<Subscription> unfiltered = new MemberSet<>();
    private final MemberSet<Subscription> scanned = new MemberSet<>();
    private final Map<IndexKey, MemberSet<Subscription>> byTag = new HashMap<>();
    private int filtered;

    /** Builds the index of a shard that so far had only unfiltered members. */
    static FilterIndex of(MemberSet<Subscription> existing) {
        FilterIndex index = new FilterIndex();
        existing.forEach(index::add);
        return index;
    }

    void add(Subscription s) {
        TagFilter f = s.filter();
        if (f == null) {
            unfiltered.add(s);
            return;
        }
        filtered++;
        IndexKeys keys = f.indexKeys();
        if (!keys.isIndexable()) {
            scanned.add(s);
            return;
        }
        for (IndexKey k : keys.pairs()) {
            byTag.computeIfAbsent(k, x -> new MemberSet<>()).add(s);
        }
    }

    void remove(Subscription s) {
        TagFilter f = s.filter();
        if (f == null) {
            unfiltered.remove(s);
            return;
        }
        filtered--;
        IndexKeys keys = f.indexKeys();
        if (!keys.isIndexable()) {
            scanned.remove(s);
            return;
        }
        for (IndexKey k : keys.pairs()) {
            MemberSet<Subscription> set = byTag.get(k);
            if (set != null) {
                set.remove(s);
                if (set.size() == 0) {
                    byTag.remove(k);
                }
            }
        }
    }

    /** Whether any filtered subscription is left; without one the index is no longer needed. */
    boolean hasFiltered() {
        return filtered > 0;
    }

    /** Receives the subscriptions a message goes to. */
    @FunctionalInterface
    interface Recipient<A> {
        void accept(Subscription s, A arg);
    }

    /**
     * Visits each subscription that should receive a message with these tags, once.
     *
     * @param stamp a number unique to this message, used to visit a subscription filed under
     *              several matching tags only once
     * @return how many filtered candidates were refused by their filter
     */
    <A> int forEachRecipient(String event, Tags tags, long stamp, A arg, Recipient<A> recipient) {
        unfiltered.forEach(arg, recipient::accept);
        int[] refused = new int[1];
        MemberSet.Visitor<Subscription, A> check = (s, a) -> {
            if (s.visitStamp == stamp) {
                return;
            }
            s.visitStamp = stamp;
            if (s.filter().matches(event, tags)) {
                recipient.accept(s, a);
            } else {
                refused[0]++;
            }
        };
        scanned.forEach(arg, check);
        if (!byTag.isEmpty()) {
            for (int i = 0; i < tags.size(); i++) {
                MemberSet<Subscription> set = byTag.get(new IndexKey(tags.key(i), tags.value(i)));
                if (set != null) {
                    set.forEach(arg, check);
                }
            }
        }
        return refused[0];
    }
}
