package io.sockudo.adapter.channel;

import io.sockudo.adapter.presence.PresenceRoster;
import io.sockudo.protocol.ChannelKind;

/**
 * A channel that has at least one local subscriber. Membership is split by shard: {@code
 * members[i]} belongs to shard {@code i}'s thread alone. The subscription count is kept by the
 * {@link ChannelRegistry} under its per-key lock, which is also what makes creation and removal
 * of the channel atomic with respect to concurrent subscribes on other shards.
 */
public final class Channel {

    private final String name;
    private final ChannelKind kind;
    private final MemberSet<Subscription>[] members;
    private final PresenceRoster roster;
    volatile int subscriptions;

    @SuppressWarnings("unchecked")
    Channel(String name, int shardCount) {
        this.name = name;
        this.kind = ChannelKind.of(name);
        this.members = new MemberSet[shardCount];
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

    public int shardCount() {
        return members.length;
    }

    /** The presence roster, for presence channels; null otherwise. */
    public PresenceRoster roster() {
        return roster;
    }
}
