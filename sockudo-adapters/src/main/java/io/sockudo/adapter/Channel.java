package io.sockudo.adapter.channel;

import io.sockudo.adapter.filter.FilterIndex;
import io.sockudo.adapter.presence.PresenceRoster;
import io.sockudo.protocol.ChannelKind;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A channel that has at least one local subscriber. Membership is split by shard: {@code
 * members[i]} (and {@code filters[i]}) belong to shard {@code i}'s thread alone. The subscription
 * count is kept by the {@link ChannelRegistry} under its per-key lock, which is also what makes
 * creation and removal of the channel atomic with respect to concurrent subscribes on other shards.
 */
public final class Channel {

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

    public String name() {
        return name;
    }

    public ChannelKind kind() {
        return kind;
    }

    /** This node's subscriptions to the channel (sockets, not users). */
    public int subscriptionCount() {
        return subscriptions;
    }

    /** The members on one shard; read and written only on that shard's thread. */
    public MemberSet<Subscription> members(int shard) {
        return members[shard];
    }

    /** The filter index of one shard, or null while no subscriber there filters. Shard-confined. */
    public FilterIndex filters(int shard) {
        return filters[shard];
    }

    /** Adds a subscription on its shard (call on that shard's thread). */
    public void attach(int shard, Subscription s) {
        members[shard].add(s);
        FilterIndex index = filters[shard];
        if (index != null) {
            index.add(s);
        } else if (s.filter() != null) {
            filters[shard] = FilterIndex.of(members[shard]);
        }
    }

    /** Removes a subscription from its shard (call on that shard's thread). */
    public void detach(int shard, Subscription s) {
        members[shard].remove(s);
        FilterIndex index = filters[shard];
        if (index != null) {
            index.remove(s);
            if (!index.hasFiltered()) {
                filters[shard] = null;
            }
        }
    }

    public int shardCount() {
        return members.length;
    }

    /** The presence roster, for presence channels; null otherwise. */
    public PresenceRoster roster() {
        return roster;
    }

    public long nextSequence() {
        return sequence.getAndIncrement();
    }
}
