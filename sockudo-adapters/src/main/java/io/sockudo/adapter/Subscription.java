package io.sockudo.adapter.channel;

import io.sockudo.adapter.connection.Connection;
import io.sockudo.adapter.delta.DeltaState;
import io.sockudo.protocol.PresenceMember;
import io.sockudo.protocol.filter.TagFilter;

/**
 * One connection's membership of one channel, and everything that is per (connection, channel):
 * the presence identity it joined with, its tag filter, and its delta compression chains.
 * Owned by the connection's shard.
 */
public final class Subscription {

    /** What the subscriber asked of delta compression for this channel. */
    public enum DeltaMode {
        /** Nothing: follows the socket's {@code pusher:enable_delta_compression}. */
        DEFAULT,
        /** {@code delta: false}: never, whatever the socket asks later. */
        OFF,
        /** {@code delta: true} or an algorithm: on for this channel. */
        ON
    }

    private final Connection connection;
    private final Channel channel;
    private final PresenceMember member;
    /** Shard-confined; see {@link #presenceVersion()}. */
    private long presenceVersion;
    private final TagFilter filter;
    private final DeltaMode deltaMode;
    private final String deltaAlgorithm;
    private DeltaState delta;
    /** The last message that visited this subscription through the filter index; shard-confined. */
    public long visitStamp;

    public Subscription(Connection connection, Channel channel, PresenceMember member, long presenceVersion) {
        this(connection, channel, member, presenceVersion, null, DeltaMode.DEFAULT, null);
    }

    public Subscription(Connection connection, Channel channel, PresenceMember member, long presenceVersion,
                        TagFilter filter, DeltaMode deltaMode, String deltaAlgorithm) {
        this.connection = connection;
        this.channel = channel;
        this.member = member;
        this.presenceVersion = presenceVersion;
        this.filter = filter;
        this.deltaMode = deltaMode;
        this.deltaAlgorithm = deltaAlgorithm;
    }

    public Connection connection() {
        return connection;
    }

    public Channel channel() {
        return channel;
    }

    /** The presence member this subscription joined as; null on other channels. */
    public PresenceMember member() {
        return member;
    }

    /**
     * The roster version this subscription's member list reflects. Member events up to it are
     * already in the list the subscriber received, so they are not sent again. A presence
     * subscription is attached to its shard before it joins the roster (so that no concurrent
     * join can miss it) with {@link Long#MAX_VALUE}, which holds back every member event until
     * the join has fixed the real version.
     */
    public long presenceVersion() {
        return presenceVersion;
    }

    /** Fixes the version once the roster join returned; on the subscription's own shard. */
    public void presenceVersion(long version) {
        this.presenceVersion = version;
    }

    /** The subscriber's tag filter, or null to receive everything. */
    public TagFilter filter() {
        return filter;
    }

    public DeltaMode deltaMode() {
        return deltaMode;
    }

    /** The algorithm the subscriber named for this channel, or null. */
    public String deltaAlgorithm() {
        return deltaAlgorithm;
    }

    /** The delta chains, or null when this subscriber gets plain frames. */
    public DeltaState delta() {
        return delta;
    }

    public void delta(DeltaState state) {
        this.delta = state;
    }
}
