package io.sockudo.adapter.cluster;

import java.util.Objects;

/**
 * A socket of the sending node joined a presence channel as {@code userId}.
 *
 * @param userInfo the member's {@code user_info} as raw JSON, or null
 */
public record PresenceJoined(String appId, String channel, String socketId, String userId, String userInfo)
        implements ClusterMessage {

    public PresenceJoined {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(socketId, "socketId");
        Objects.requireNonNull(userId, "userId");
    }
}
