package io.sockudo.server;

import io.sockudo.adapter.app.AppManager;
import io.sockudo.server.config.QueueConfig;
import io.sockudo.store.webhook.MemoryWebhookQueue;
import io.sockudo.store.webhook.RedisWebhookQueue;
import io.sockudo.store.webhook.WebhookQueue;
import io.sockudo.store.webhook.WebhookSettings;

/** Builds the webhook queue a configuration names ({@code queue.driver}). */
final class WebhookQueues {

    /** Batches a Redis queue holds at most, waiting; beyond it new batches are dropped and counted. */
    static final int REDIS_CAPACITY = 100_000;

    private WebhookQueues() {
    }

    /**
     * Connects to Redis for the Redis drivers (blocking: call it at startup).
     *
     * @param apps where a batch taken from a shared queue finds its app again
     */
    static WebhookQueue open(QueueConfig config, WebhookSettings settings, AppManager apps) {
        if (config.redis() == null) {
            return new MemoryWebhookQueue(settings.queueCapacity());
        }
        return RedisWebhookQueue.open(config.redis(), config.prefix(), REDIS_CAPACITY, config.leases(), apps::findById);
    }
}
