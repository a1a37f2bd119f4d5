package io.sockudo.adapter;

import io.sockudo.protocol.PresenceMember;
import io.sockudo.protocol.filter.TagFilter;

/**
 * One connection's membership of one channel, and everything that is per (connection, channel):
 * the presence identity it joined with, its tag filter, and its delta compression chains.
 * Owned by the connection's shard.
 */
final class Subscription {

    /** What the subscriber asked of delta compression for this channel. */
    enum DeltaMode {
        /** Nothing: follows the socket's {@code pusher:enable_delta_compression}. */
        DEFAULT,
        /** {@code delta: false}: never, whatever the socket asks later. */
        OFF,
        /** {@code delta: true} or an algorithm: on for this channel. */
        ON
    }

    private final Session connection;
    private final Channel channel;
    private final PresenceMember member;
    /** Shard-confined; see {@link #presenceVersion()}. */
    private long presenceVersion;
    private final TagFilter filter;
    private final DeltaMode deltaMode;
    private final String deltaAlgorithm;
    private DeltaState delta;
    /** The last message that visited this subscription through the filter index; shard-confined. */
    long visitStamp;

    Subscription(Session connection, Channel channel, PresenceMember member, long presenceVersion) {
        this(connection, channel, member, presenceVersion, null, DeltaMode.DEFAULT, null);
    }

    Subscription(Session connection, Channel channel, PresenceMember member, long presenceVersion,
                        TagFilter filter, DeltaMode deltaMode, String deltaAlgorithm) {
        this.connection = connection;
        this.channel = channel;
        this.member = member;
        this.presenceVersion = presenceVersion;
        this.filter = filter;
        this.deltaMode = deltaMode;
        this.deltaAlgorithm = deltaAlgorithm;
    }

    Session connection() {
        return connection;
    }

    Channel channel() {
        return channel;
    }

    /** The presence member this subscription joined as; null on other channels. */
    PresenceMember member() {
        return member;
    }

    /**
     * The roster version this subscription's member list reflects. Member events up to it are
     * already in the list the subscriber received, so they are not sent again. A presence
     * subscription is attached to its shard before it joins the roster (so that no concurrent
     * join can miss it) with {@link Long#MAX_VALUE}, which holds back every member event until
     * the join has fixed the real version.
     */
    long presenceVersion() {
        return presenceVersion;
    }

    /** Fixes the version once the roster join returned; on the subscription's own shard. */
    void presenceVersion(long version) {
        this.presenceVersion = version;
    }

    /** The subscriber's tag filter, or null to receive everything. */
    TagFilter filter() {
        return filter;
    }

    DeltaMode deltaMode() {
        return deltaMode;
    }

    /** The algorithm the subscriber named for this channel, or null. */
    String deltaAlgorithm() {
        return deltaAlgorithm;
    }

    /** The delta chains, or null when this subscriber gets plain frames. */
    DeltaState delta() {
        return delta;
    }

    void delta(DeltaState state) {
        this.delta = state;
    }
}
