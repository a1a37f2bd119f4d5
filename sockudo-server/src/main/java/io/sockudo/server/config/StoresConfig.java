package io.sockudo.server.config;

import java.util.Objects;

/**
 * Where the server keeps what outlives one connection, as configured: the app store
 * ({@code app_manager.driver} and {@code database.*}), the cache channels' store ({@code cache})
 * and the request limits ({@code rate_limiter}).
 *
 * @param appStore     where apps come from
 * @param channelCache where cache channels keep their last event
 * @param rateLimiter  HTTP API and WebSocket connection limits per client address
 */
public record StoresConfig(AppStoreConfig appStore, ChannelCacheConfig channelCache, RateLimiterConfig rateLimiter) {

    public static final StoresConfig DEFAULTS = new StoresConfig(AppStoreConfig.MEMORY, ChannelCacheConfig.MEMORY,
            RateLimiterConfig.DEFAULTS);

    public StoresConfig {
        Objects.requireNonNull(appStore, "appStore");
        Objects.requireNonNull(channelCache, "channelCache");
        Objects.requireNonNull(rateLimiter, "rateLimiter");
    }
}
