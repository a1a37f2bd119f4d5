package io.sockudo.adapter.channel;

import io.sockudo.adapter.connection.Connection;
import io.sockudo.protocol.PresenceMember;

/**
 * One connection's membership of one channel, and everything that is per (connection, channel):
 * the presence identity it joined with, and later its tag filter and delta compression chains.
 * Owned by the connection's shard.
 */
public final class Subscription {

    private final Connection connection;
    private final Channel channel;
    private final PresenceMember member;
    private final long presenceVersion;

    public Subscription(Connection connection, Channel channel, PresenceMember member, long presenceVersion) {
        this.connection = connection;
        this.channel = channel;
        this.member = member;
        this.presenceVersion = presenceVersion;
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
     * already in the list the subscriber received, so they are not sent again.
     */
    public long presenceVersion() {
        return presenceVersion;
    }
}
