package io.sockudo.adapter.cluster;

import java.util.Objects;

/**
 * A Pusher message for every subscriber of a channel on the receiving nodes.
 *
 * @param message        the Pusher message as the publishing node serialized it; passed through
 *                       untouched so that each node frames it once for its own sockets
 * @param exceptSocketId the socket that must not receive it (the publisher's own), or null
 * @param timestampMs    when it was published, in epoch milliseconds
 * @param event          what the receiving node needs to filter and delta-compress an app event
 *                       exactly as the publishing node would; null for protocol frames
 */
public record Broadcast(String appId, String channel, String message, String exceptSocketId, long timestampMs,
                        EventInfo event) implements ClusterMessage {

    public Broadcast {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(message, "message");
    }

    /** A broadcast of a protocol frame, or from a node that sends no event information (sockudo's shape). */
    public Broadcast(String appId, String channel, String message, String exceptSocketId, long timestampMs) {
        this(appId, channel, message, exceptSocketId, timestampMs, null);
    }

    /**
     * An app event's name and what its subscribers' filters and delta chains need. The event's
     * data for delta compression is the {@code data} of the message itself.
     *
     * @param name              the event name
     * @param tags              the publisher's tags as a JSON object, or null
     * @param delta             whether subscribers that asked for delta compression get deltas
     * @param conflationKeyPath the channel's conflation key path, or null
     * @param omitAlgorithm     whether delta frames leave out {@code algorithm}
     * @param cacheTtlMs        for an HTTP API event on a cache channel, how long it is kept as the
     *                          channel's last event (the receiving node keeps it too, unless its
     *                          cache is shared); 0 for an event that is not kept
     */
    public record EventInfo(String name, String tags, boolean delta, String conflationKeyPath, boolean omitAlgorithm,
                            long cacheTtlMs) {

        public EventInfo {
            Objects.requireNonNull(name, "name");
        }
    }
}
