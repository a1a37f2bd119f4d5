package io.sockudo.server.config;

import java.util.List;

/** Reads the {@link StoresConfig}: each store's driver, refused when this server lacks it, and its settings. */
final class StoresReader {

    private StoresReader() {
    }

    static StoresConfig read(ConfigNode root) {
        StoreDrivers.require(root.get("app_manager").get("driver"), "memory", StoreDrivers.APP_MANAGER);
        return new StoresConfig(AppStoreReader.read(root), channelCache(root), RateLimiterReader.read(root));
    }

    /** sockudo's environment variables for these settings, for {@link EnvOverlay}. */
    static final List<EnvOverlay.Mapping> ENV = List.of(
            EnvOverlay.Mapping.of("CACHE_DRIVER", "cache", "driver"),
            EnvOverlay.Mapping.of("REDIS_URL", "cache", "redis", "url_override"));

    private static ChannelCacheConfig channelCache(ConfigNode root) {
        ConfigNode cache = root.get("cache");
        String driver = StoreDrivers.require(cache.get("driver"), "memory", StoreDrivers.CACHE);
        ConfigNode redis = cache.get("redis");
        String prefix = redis.get("prefix").string(ChannelCacheConfig.MEMORY.prefix());
        if (!driver.startsWith("redis")) {
            return new ChannelCacheConfig(driver, prefix, null);
        }
        return new ChannelCacheConfig(driver, prefix, RedisReader.read(root, redis, driver.equals("redis-cluster")));
    }
}
