package io.sockudo.adapter.cluster;

import java.util.Objects;

/** A socket of the sending node left a presence channel it had joined as {@code userId}. */
public record PresenceLeft(String appId, String channel, String socketId, String userId) implements ClusterMessage {

    public PresenceLeft {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(socketId, "socketId");
        Objects.requireNonNull(userId, "userId");
    }
}
