package io.sockudo.adapter;

import io.sockudo.protocol.ChannelKind;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A channel that has at least one local subscriber. Membership is split by shard: {@code
 * members[i]} (and {@code filters[i]}) belong to shard {@code i}'s thread alone. The subscription
 * count is kept by the {@link ChannelRegistry} under its per-key lock, which is also what makes
 * creation and removal of the channel atomic with respect to concurrent subscribes on other shards.
 */
final class Channel {

    private final String name;
    private final ChannelKind kind;
    private final MemberSet<Subscription>[] members;
    private final FilterIndex[] filters;
    private final PresenceRoster roster;
    /** Sequence numbers of delta-compressed messages; unique within the channel's lifetime. */
    private final AtomicLong sequence = new AtomicLong();
    volatile int subscriptions;

    @SuppressWarnings({"unchecked", "rawtypes"})
    Channel(String name, int shardCount) {
        this.name = name;
        this.kind = ChannelKind.of(name);
        this.members = new MemberSet[shardCount];
        this.filters = new FilterIndex[shardCount];
        for (int i = 0; i < shardCount; i++) {
            members[i] = new MemberSet<>();
        }
        this.roster = kind.isPresence() ? new PresenceRoster() : null;
    }

    String name() {
        return name;
    }

    ChannelKind kind() {
        return kind;
    }

    /** This node's subscriptions to the channel (sockets, not users). */
    int subscriptionCount() {
        return subscriptions;
    }

    /** The members on one shard; read and written only on that shard's thread. */
    MemberSet<Subscription> members(int shard) {
        return members[shard];
    }

    /** The filter index of one shard, or null while no subscriber there filters. Shard-confined. */
    FilterIndex filters(int shard) {
        return filters[shard];
    }

    /** Adds a subscription on its shard (call on that shard's thread). */
    void attach(int shard, Subscription s) {
        members[shard].add(s);
        FilterIndex index = filters[shard];
        if (index != null) {
            index.add(s);
        } else if (s.filter() != null) {
            filters[shard] = FilterIndex.of(members[shard]);
        }
    }

    /** Removes a subscription from its shard (call on that shard's thread). */
    void detach(int shard, Subscription s) {
        members[shard].remove(s);
        FilterIndex index = filters[shard];
        if (index != null) {
            index.remove(s);
            if (!index.hasFiltered()) {
                filters[shard] = null;
            }
        }
    }

    int shardCount() {
        return members.length;
    }

    /** The presence roster, for presence channels; null otherwise. */
    PresenceRoster roster() {
        return roster;
    }

    long nextSequence() {
        return sequence.getAndIncrement();
    }
}
