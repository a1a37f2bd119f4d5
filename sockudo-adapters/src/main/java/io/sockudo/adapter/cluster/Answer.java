package io.sockudo.adapter.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One node's answer to a {@link Query}, about its own sockets only. Fields the query does not
 * ask about are left empty.
 *
 * @param members                  user id → {@code user_info} as raw JSON ({@code "null"} when none)
 * @param channelsWithSocketsCount channel → number of this node's sockets subscribed to it
 * @param cachedEvent              a cache channel's last event frame as this node stores it, or null
 * @param cacheTtlMs               how long {@code cachedEvent} has left, in milliseconds
 */
public record Answer(String appId, Map<String, String> members, Map<String, Long> channelsWithSocketsCount,
                     List<String> socketIds, long socketsCount, boolean exists, List<String> channels,
                     long membersCount, String cachedEvent, long cacheTtlMs) {

    public Answer {
        Objects.requireNonNull(appId, "appId");
        members = members == null ? Map.of() : Map.copyOf(members);
        channelsWithSocketsCount = channelsWithSocketsCount == null ? Map.of() : Map.copyOf(channelsWithSocketsCount);
        socketIds = socketIds == null ? List.of() : List.copyOf(socketIds);
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** An answer that carries no cached event. */
    public Answer(String appId, Map<String, String> members, Map<String, Long> channelsWithSocketsCount,
                  List<String> socketIds, long socketsCount, boolean exists, List<String> channels, long membersCount) {
        this(appId, members, channelsWithSocketsCount, socketIds, socketsCount, exists, channels, membersCount, null, 0);
    }

    public static Answer empty(String appId) {
        return new Answer(appId, Map.of(), Map.of(), List.of(), 0, false, List.of(), 0);
    }

    public static Answer socketsCount(String appId, long count) {
        return new Answer(appId, Map.of(), Map.of(), List.of(), count, false, List.of(), 0);
    }

    public static Answer members(String appId, Map<String, String> members) {
        return new Answer(appId, members, Map.of(), List.of(), 0, false, List.of(), members.size());
    }

    public static Answer exists(String appId, boolean exists) {
        return new Answer(appId, Map.of(), Map.of(), List.of(), 0, exists, List.of(), 0);
    }

    public static Answer channelsWithSocketsCount(String appId, Map<String, Long> counts) {
        return new Answer(appId, Map.of(), counts, List.of(), 0, false, List.copyOf(counts.keySet()), 0);
    }

    public static Answer cachedEvent(String appId, String frame, long ttlMs) {
        return new Answer(appId, Map.of(), Map.of(), List.of(), 0, false, List.of(), 0, frame, ttlMs);
    }
}
