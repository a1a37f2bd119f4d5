package io.sockudo.adapter.cluster;

import java.util.Objects;

/**
 * A Pusher message for every subscriber of a channel on the receiving nodes.
 *
 * @param message        the Pusher message as the publishing node serialized it; passed through
 *                       untouched so that each node frames it once for its own sockets
 * @param exceptSocketId the socket that must not receive it (the publisher's own), or null
 * @param timestampMs    when it was published, in epoch milliseconds
 */
public record Broadcast(String appId, String channel, String message, String exceptSocketId, long timestampMs)
        implements ClusterMessage {

    public Broadcast {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(message, "message");
    }
}
