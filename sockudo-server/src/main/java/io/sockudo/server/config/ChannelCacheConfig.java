package io.sockudo.server.config;

import io.sockudo.store.redis.RedisSettings;
import java.util.Objects;

/**
 * {@code cache}: where cache channels keep their last event.
 *
 * @param driver {@code memory} (this node only), {@code redis}, {@code redis-cluster} (shared by every
 *               node) or {@code none} (nothing kept: every subscriber gets {@code pusher:cache_miss})
 * @param prefix the Redis keys' prefix ({@code cache.redis.prefix}, {@code sockudo_cache:})
 * @param redis  where Redis is, for the Redis drivers; else null
 */
public record ChannelCacheConfig(String driver, String prefix, RedisSettings redis) {

    public static final ChannelCacheConfig MEMORY = new ChannelCacheConfig("memory", "sockudo_cache:", null);

    public ChannelCacheConfig {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(prefix, "prefix");
        if ((redis != null) != driver.startsWith("redis")) {
            throw new IllegalArgumentException("Redis settings go with a Redis driver, not " + driver);
        }
    }
}
