package io.sockudo.adapter.broadcast;

import io.sockudo.adapter.connection.Frame;
import io.sockudo.adapter.delta.DeltaMessage;
import io.sockudo.protocol.SocketId;
import io.sockudo.protocol.filter.Tags;

/**
 * A message on its way to the local subscribers of one channel: the frame every plain
 * recipient shares, who must not get it, and what tag filters and delta compression need.
 */
public final class Publication {

    private final String channel;
    private final String event;
    private final Frame frame;
    private final SocketId except;
    private final long presenceVersion;
    private final Tags tags;
    private final DeltaMessage delta;

    private Publication(String channel, String event, Frame frame, SocketId except, long presenceVersion, Tags tags,
                        DeltaMessage delta) {
        this.channel = channel;
        this.event = event;
        this.frame = frame;
        this.except = except;
        this.presenceVersion = presenceVersion;
        this.tags = tags;
        this.delta = delta;
    }

    /**
     * A protocol frame (member events, subscription counts): reaches every subscriber, never
     * filtered, never delta-compressed.
     *
     * @param presenceVersion for presence member events, the roster version of the change:
     *                        subscribers whose member list already reflects it are skipped; 0 otherwise
     */
    public static Publication protocol(String channel, Frame frame, SocketId except, long presenceVersion) {
        return new Publication(channel, null, frame, except, presenceVersion, null, null);
    }

    public static Publication of(String channel, Frame frame, SocketId except) {
        return protocol(channel, frame, except, 0);
    }

    /**
     * An app event (from the HTTP API or a client): subject to subscribers' tag filters, and
     * delta-compressed for subscribers that asked when {@code delta} is given.
     *
     * @param tags  the publisher's tags, or {@link Tags#EMPTY}
     * @param delta the delta view of the message, or null to send it plain to everyone
     */
    public static Publication event(String channel, String event, Frame frame, SocketId except, Tags tags, DeltaMessage delta) {
        return new Publication(channel, event, frame, except, 0, tags, delta);
    }

    public String channel() {
        return channel;
    }

    /** The event name; null for protocol frames. */
    public String event() {
        return event;
    }

    public Frame frame() {
        return frame;
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

    public DeltaMessage delta() {
        return delta;
    }
}
