package io.sockudo.adapter.broadcast;

import io.sockudo.adapter.delta.DeltaSource;
import io.sockudo.protocol.SocketId;
import io.sockudo.protocol.filter.Tags;
import java.time.Duration;

/**
 * A message on its way to the subscribers of one channel: the serialized frame every plain
 * recipient shares, who must not get it, and what tag filters and delta compression need. It is
 * what an adapter carries between nodes; each node frames it once for its own sockets.
 */
public final class Publication {

    private final String channel;
    private final String event;
    private final byte[] payload;
    private final SocketId except;
    private final long presenceVersion;
    private final Tags tags;
    private final DeltaSource delta;
    private final long publishedNanos;
    private final long cacheTtlMs;

    private Publication(String channel, String event, byte[] payload, SocketId except, long presenceVersion, Tags tags,
                        DeltaSource delta, long publishedNanos) {
        this(channel, event, payload, except, presenceVersion, tags, delta, publishedNanos, 0);
    }

    private Publication(String channel, String event, byte[] payload, SocketId except, long presenceVersion, Tags tags,
                        DeltaSource delta, long publishedNanos, long cacheTtlMs) {
        this.channel = channel;
        this.event = event;
        this.payload = payload;
        this.except = except;
        this.presenceVersion = presenceVersion;
        this.tags = tags;
        this.delta = delta;
        this.publishedNanos = publishedNanos;
        this.cacheTtlMs = cacheTtlMs;
    }

    /**
     * A protocol frame (member events, subscription counts): reaches every subscriber, never
     * filtered, never delta-compressed.
     *
     * @param presenceVersion for presence member events, the local roster version of the change:
     *                        subscribers whose member list already reflects it are skipped; 0 otherwise
     */
    public static Publication protocol(String channel, byte[] payload, SocketId except, long presenceVersion) {
        return new Publication(channel, null, payload, except, presenceVersion, null, null, 0);
    }

    public static Publication of(String channel, byte[] payload, SocketId except) {
        return protocol(channel, payload, except, 0);
    }

    /**
     * An app event (from the HTTP API or a client): subject to subscribers' tag filters, and
     * delta-compressed for subscribers that asked when {@code delta} is given.
     *
     * @param tags  the publisher's tags, or {@link Tags#EMPTY}
     * @param delta the event's delta source, or null to send it plain to everyone
     */
    public static Publication event(String channel, String event, byte[] payload, SocketId except, Tags tags, DeltaSource delta) {
        return new Publication(channel, event, payload, except, 0, tags, delta, 0);
    }

    /**
     * An app event as {@link #event}, whose delivery to this node's subscribers is timed for
     * {@code broadcast_latency_ms}.
     *
     * @param publishedNanos when the event was received, on the engine's clock ({@code EngineClock.nanoTime})
     */
    public static Publication timedEvent(String channel, String event, byte[] payload, SocketId except, Tags tags,
                                         DeltaSource delta, long publishedNanos) {
        return new Publication(channel, event, payload, except, 0, tags, delta, publishedNanos);
    }

    /**
     * This app event, kept for {@code ttl} as its cache channel's last event: a node that keeps
     * its cache in memory stores it when the event reaches it from another node.
     */
    public Publication keptFor(Duration ttl) {
        return new Publication(channel, event, payload, except, presenceVersion, tags, delta, publishedNanos,
                Math.max(1, ttl.toMillis()));
    }

    /** How long the event is kept as its cache channel's last event, in ms; 0 when it is not kept. */
    public long cacheTtlMs() {
        return cacheTtlMs;
    }

    public String channel() {
        return channel;
    }

    /** The event name; null for protocol frames. */
    public String event() {
        return event;
    }

    /** The frame's text, as every plain recipient gets it. */
    public byte[] payload() {
        return payload;
    }

    public SocketId except() {
        return except;
    }

    public long presenceVersion() {
        return presenceVersion;
    }

    /** Whether subscribers' tag filters apply: app events only. */
    public boolean filterable() {
        return event != null;
    }

    public Tags tags() {
        return tags == null ? Tags.EMPTY : tags;
    }

    /** Whether delivery is timed: {@link #publishedNanos} is set. */
    public boolean timed() {
        return publishedNanos != 0;
    }

    /** When the event was received, on the engine's clock; meaningful only when {@link #timed}. */
    public long publishedNanos() {
        return publishedNanos;
    }

    /** The delta source, or null when the event goes plain to everyone. */
    public DeltaSource delta() {
        return delta;
    }
}
