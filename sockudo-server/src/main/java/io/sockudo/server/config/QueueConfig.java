package io.sockudo.server.config;

import io.sockudo.store.redis.RedisSettings;
import io.sockudo.store.webhook.RedisWebhookQueue;
import java.util.Objects;

/**
 * {@code queue}: where webhooks wait for delivery.
 *
 * @param driver {@code memory} (this node, lost with it) or {@code redis}, {@code redis-cluster}
 *               (durable, shared by every node)
 * @param prefix the Redis keys' prefix ({@code queue.redis.prefix}, {@code sockudo_queue:})
 * @param redis  where Redis is, for the Redis drivers; else null
 * @param leases how long a worker's hold on the batches it took lasts, and how often it is renewed
 *               ({@code queue.reliability.lease_duration_ms}, {@code lease_renew_interval_ms})
 */
public record QueueConfig(String driver, String prefix, RedisSettings redis, RedisWebhookQueue.Leases leases) {

    public static final QueueConfig MEMORY = new QueueConfig("memory", RedisWebhookQueue.DEFAULT_PREFIX, null,
            RedisWebhookQueue.Leases.defaults());

    public QueueConfig {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(leases, "leases");
        if ((redis != null) != driver.startsWith("redis")) {
            throw new IllegalArgumentException("Redis settings go with a Redis driver, not " + driver);
        }
    }
}
