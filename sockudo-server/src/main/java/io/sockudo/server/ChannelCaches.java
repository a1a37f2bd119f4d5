package io.sockudo.server;

import io.sockudo.adapter.hooks.ChannelCache;
import io.sockudo.adapter.hooks.MemoryChannelCache;
import io.sockudo.server.config.ChannelCacheConfig;
import io.sockudo.store.cache.NoChannelCache;
import io.sockudo.store.cache.RedisChannelCache;
import java.util.function.LongSupplier;

/** Builds the channel cache a configuration names ({@code cache.driver}). */
final class ChannelCaches {

    /** A cache and what to close when the server stops (null for none). */
    record Opened(ChannelCache cache, AutoCloseable resources) {
    }

    private ChannelCaches() {
    }

    /**
     * Connects to Redis for the Redis drivers (blocking: call it at startup).
     *
     * @param clock the engine's nanosecond clock, for the memory cache
     * @throws io.sockudo.store.redis.RedisStoreException when Redis does not answer
     */
    static Opened open(ChannelCacheConfig config, LongSupplier clock) {
        switch (config.driver()) {
            case "memory":
                return new Opened(new MemoryChannelCache(clock), null);
            case "none":
                return new Opened(NoChannelCache.INSTANCE, null);
            case "redis":
            case "redis-cluster":
                RedisChannelCache cache = RedisChannelCache.open(config.redis(), config.prefix());
                return new Opened(cache, cache);
            default:
                throw new IllegalArgumentException("cache.driver \"" + config.driver() + "\" is not a driver this server has");
        }
    }
}
