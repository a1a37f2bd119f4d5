package io.sockudo.server.config;

import java.util.List;
import java.util.Locale;

/** Reads the {@link StoresConfig}: each store's driver, refused when this server lacks it, and its settings. */
final class StoresReader {

    private StoresReader() {
    }

    static StoresConfig read(ConfigNode root) {
        StoreDrivers.require(root.get("app_manager").get("driver"), "memory", StoreDrivers.APP_MANAGER);
        queue(root.get("queue"));
        return new StoresConfig(AppStoreReader.read(root), channelCache(root), RateLimiterReader.read(root));
    }

    /** sockudo's environment variables for these settings, for {@link EnvOverlay}. */
    static final List<EnvOverlay.Mapping> ENV = List.of(
            EnvOverlay.Mapping.of("CACHE_DRIVER", "cache", "driver"),
            EnvOverlay.Mapping.of("QUEUE_DRIVER", "queue", "driver"),
            EnvOverlay.Mapping.of("REDIS_URL", "cache", "redis", "url_override"));

    /**
     * Only the memory queue exists here. sockudo's Redis drivers are reported as not supported
     * (with the rest of the section, which is not read); SQS and SNS stop the launcher, since
     * webhooks meant for another system would silently stay on this node.
     */
    private static void queue(ConfigNode queue) {
        ConfigNode driverNode = queue.get("driver");
        String driver = driverNode.string("memory").trim().toLowerCase(Locale.ROOT);
        if (driver.equals("sqs") || driver.equals("sns")) {
            throw driverNode.problem("\"" + driver + "\" is not a driver this server has: webhooks are delivered from this "
                    + "node's memory queue; use memory");
        }
        driver = StoreDrivers.require(driverNode, "memory", StoreDrivers.QUEUE);
        if (!driver.equals("memory")) {
            driverNode.unsupported("webhooks are queued in this node's memory");
        }
    }

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
