package io.sockudo.adapter.cluster;

import java.util.List;
import java.util.Objects;

/**
 * What one node asks every other about its local state. Which fields matter depends on the
 * type; the others are null (or empty).
 *
 * @param channels the channels of a {@link RequestType#BATCH_CHANNEL_SOCKETS_COUNT}
 */
public record Query(RequestType type, String appId, String channel, String socketId, String userId,
                    List<String> channels) {

    public Query {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(appId, "appId");
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** A query about a whole app. */
    public static Query app(RequestType type, String appId) {
        return new Query(type, appId, null, null, null, List.of());
    }

    /** A query about one channel of an app. */
    public static Query channel(RequestType type, String appId, String channel) {
        return new Query(type, appId, channel, null, null, List.of());
    }

    /** A query about one user (in one channel, or in the app when {@code channel} is null). */
    public static Query user(RequestType type, String appId, String channel, String userId) {
        return new Query(type, appId, channel, null, userId, List.of());
    }
}
