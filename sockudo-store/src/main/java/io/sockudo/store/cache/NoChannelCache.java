package io.sockudo.store.cache;

import io.sockudo.adapter.hooks.ChannelCache;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * {@code cache.driver = none}: nothing is kept, so every subscriber to a cache channel gets
 * {@code pusher:cache_miss}.
 */
public final class NoChannelCache implements ChannelCache {

    public static final NoChannelCache INSTANCE = new NoChannelCache();

    private static final CompletableFuture<byte[]> NOTHING = CompletableFuture.completedFuture(null);
    private static final CompletableFuture<Long> NO_TTL = CompletableFuture.completedFuture(-1L);

    private NoChannelCache() {
    }

    @Override
    public void put(String appId, String channel, byte[] frame, Duration ttl) {
        // kept nowhere, by configuration
    }

    @Override
    public CompletableFuture<byte[]> get(String appId, String channel) {
        return NOTHING;
    }

    @Override
    public CompletableFuture<Long> ttlSeconds(String appId, String channel) {
        return NO_TTL;
    }
}
