package io.sockudo.server.config;

import io.sockudo.store.webhook.RedisWebhookQueue;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Reads the {@link StoresConfig}: each store's driver, refused when this server lacks it, and its settings. */
final class StoresReader {

    private StoresReader() {
    }

    static StoresConfig read(ConfigNode root) {
        StoreDrivers.require(root.get("app_manager").get("driver"), "memory", StoreDrivers.APP_MANAGER);
        return new StoresConfig(AppStoreReader.read(root), channelCache(root), RateLimiterReader.read(root), queue(root));
    }

    /** sockudo's environment variables for these settings, for {@link EnvOverlay}. */
    static final List<EnvOverlay.Mapping> ENV = List.of(
            EnvOverlay.Mapping.of("QUEUE_REDIS_PREFIX", "queue", "redis", "prefix"),
            EnvOverlay.Mapping.of("QUEUE_LEASE_DURATION_MS", "queue", "reliability", "lease_duration_ms"),
            EnvOverlay.Mapping.of("QUEUE_LEASE_RENEW_INTERVAL_MS", "queue", "reliability", "lease_renew_interval_ms"),
            EnvOverlay.Mapping.of("REDIS_URL", "queue", "redis", "url_override"),
            EnvOverlay.Mapping.of("REDIS_URL", "cache", "redis", "url_override"));

    /**
     * {@code queue}: memory, or the durable Redis queue with sockudo's lease keys of
     * {@code queue.reliability}. SQS and SNS stop the launcher: there is nothing here to test them
     * against, and webhooks meant for another system must not silently stay on this node.
     */
    private static QueueConfig queue(ConfigNode root) {
        ConfigNode queue = root.get("queue");
        ConfigNode driverNode = queue.get("driver");
        String driver = driverNode.string("memory").trim().toLowerCase(Locale.ROOT);
        if (driver.equals("sqs") || driver.equals("sns")) {
            throw driverNode.problem("\"" + driver + "\" is not a driver this server has; use memory, redis or redis-cluster");
        }
        driver = StoreDrivers.require(driverNode, "memory", StoreDrivers.QUEUE);
        QueueConfig d = QueueConfig.MEMORY;
        ConfigNode redis = queue.get("redis");
        String prefix = redis.get("prefix").string(d.prefix());
        ConfigNode reliability = queue.get("reliability");
        ConfigNode duration = reliability.get("lease_duration_ms");
        RedisWebhookQueue.Leases leases;
        try {
            leases = new RedisWebhookQueue.Leases(
                    Duration.ofMillis(duration.integer(100, Integer.MAX_VALUE, (int) d.leases().duration().toMillis())),
                    Duration.ofMillis(reliability.get("lease_renew_interval_ms").integer(10, Integer.MAX_VALUE,
                            (int) d.leases().renewInterval().toMillis())));
        } catch (IllegalArgumentException e) {
            throw reliability.problem(e.getMessage());
        }
        if (!driver.startsWith("redis")) {
            return new QueueConfig(driver, prefix, null, leases);
        }
        ConfigNode section = driver.equals("redis-cluster") && queue.get("redis_cluster").isSet() ? queue.get("redis_cluster") : redis;
        return new QueueConfig(driver, prefix, RedisReader.read(root, section, driver.equals("redis-cluster")), leases);
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
