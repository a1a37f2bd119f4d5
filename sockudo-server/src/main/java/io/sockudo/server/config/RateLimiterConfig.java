package io.sockudo.server.config;

import io.sockudo.store.ratelimit.RateLimitSettings;
import io.sockudo.store.redis.RedisSettings;
import java.util.Objects;

/**
 * {@code rate_limiter}: how many HTTP API requests and WebSocket connection attempts one client
 * address may make per window.
 *
 * @param enabled   whether requests are limited at all ({@code enabled}, true as in sockudo)
 * @param driver    where counts live: {@code memory} (this node), {@code redis}, {@code redis-cluster} (every node)
 * @param api       {@code api_rate_limit}: requests to {@code /apps/...}
 * @param websocket {@code websocket_rate_limit}: connection attempts to {@code /app/{key}}
 * @param prefix    the Redis keys' prefix ({@code redis.prefix}, {@code sockudo_rl:})
 * @param redis     where Redis is, for the Redis drivers; else null
 */
public record RateLimiterConfig(boolean enabled, String driver, RateLimitSettings api, RateLimitSettings websocket,
                                String prefix, RedisSettings redis) {

    public static final RateLimiterConfig DEFAULTS = new RateLimiterConfig(true, "memory", RateLimitSettings.apiDefaults(),
            RateLimitSettings.websocketDefaults(), "sockudo_rl:", null);

    /** No limits: what an embedder gets unless it asks. */
    public static final RateLimiterConfig OFF = new RateLimiterConfig(false, "memory", RateLimitSettings.apiDefaults(),
            RateLimitSettings.websocketDefaults(), "sockudo_rl:", null);

    public RateLimiterConfig {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(websocket, "websocket");
        Objects.requireNonNull(prefix, "prefix");
        if ((redis != null) != driver.startsWith("redis")) {
            throw new IllegalArgumentException("Redis settings go with a Redis driver, not " + driver);
        }
    }
}
