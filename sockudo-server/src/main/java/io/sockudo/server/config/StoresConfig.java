package io.sockudo.server.config;

import java.util.Objects;

/**
 * Where the server keeps what outlives one connection, as configured: the app store
 * ({@code app_manager.driver} and {@code database.*}), the cache channels' store ({@code cache})
 * the request limits ({@code rate_limiter}) and the webhook queue ({@code queue}).
 *
 * @param appStore     where apps come from
 * @param channelCache where cache channels keep their last event
 * @param rateLimiter  HTTP API and WebSocket connection limits per client address
 * @param queue        where webhooks wait for delivery
 */
public record StoresConfig(AppStoreConfig appStore, ChannelCacheConfig channelCache, RateLimiterConfig rateLimiter,
                           QueueConfig queue) {

    public static final StoresConfig DEFAULTS = new StoresConfig(AppStoreConfig.MEMORY, ChannelCacheConfig.MEMORY,
            RateLimiterConfig.DEFAULTS, QueueConfig.MEMORY);

    public StoresConfig {
        Objects.requireNonNull(appStore, "appStore");
        Objects.requireNonNull(channelCache, "channelCache");
        Objects.requireNonNull(rateLimiter, "rateLimiter");
        Objects.requireNonNull(queue, "queue");
    }
}
