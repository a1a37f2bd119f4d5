package io.sockudo.adapter.hooks;

import io.sockudo.adapter.health.HealthCheck;
import io.sockudo.adapter.health.Health;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The last event of each cache channel ({@code cache-*}, {@code private-cache-*},
 * {@code presence-cache-*}, {@code private-encrypted-cache-*}), replayed to new subscribers.
 */
public interface ChannelCache extends HealthCheck {

    /** Whether the cache answers; one in memory always does. Critical for {@code /up}. */
    @Override
    default CompletableFuture<Health> health() {
        return Health.okNow();
    }

    /**
     * Whether every node of a cluster reads the same cache (Redis). A cache that is not shared is
     * one per node: each node stores the cached events that reach it from the others too.
     */
    default boolean shared() {
        return false;
    }

    /** Stores the frame of a channel's latest event, replacing the previous one. */
    void put(String appId, String channel, byte[] frame, Duration ttl);

    /** The stored frame, or a future of null when there is none or it expired. */
    CompletableFuture<byte[]> get(String appId, String channel);

    /**
     * The stored frame with the time it has left, or a future of null. This default is as precise
     * as {@link #ttlSeconds}; a cache that knows better says so.
     */
    default CompletableFuture<CachedEvent> entry(String appId, String channel) {
        return get(appId, channel).thenCombine(ttlSeconds(appId, channel), (frame, seconds) ->
                frame == null || seconds <= 0 ? null : new CachedEvent(frame, Duration.ofSeconds(seconds)));
    }

    /** Seconds until the stored frame expires, or -1 when there is none (for the HTTP API's {@code cache} info). */
    CompletableFuture<Long> ttlSeconds(String appId, String channel);
}
