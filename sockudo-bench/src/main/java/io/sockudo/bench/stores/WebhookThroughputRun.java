package io.sockudo.bench.stores;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.Webhook;
import io.sockudo.protocol.WebhookEvent;
import io.sockudo.store.redis.RedisSettings;
import io.sockudo.store.webhook.MemoryWebhookQueue;
import io.sockudo.store.webhook.RedisWebhookQueue;
import io.sockudo.store.webhook.WebhookDispatcher;
import io.sockudo.store.webhook.WebhookQueue;
import io.sockudo.store.webhook.WebhookSettings;
import io.sockudo.testkit.services.RedisServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Webhook throughput through the server's own dispatcher (batcher, queue driver, consumer, HTTP
 * sender) to a local receiver, with the memory queue and with the Redis queue: events are
 * emitted as fast as one thread can ({@code channel_occupied}, one channel each), and the run
 * notes when the last batch entered the queue and when the last request reached the receiver.
 * Each driver runs with batching off (one request per event: webhooks/s are requests/s) and with
 * sockudo's default batching (up to 100 events or 50 ms per request). The events are spread over
 * several apps, each with an endpoint of its own: the sender keeps one request in flight per
 * endpoint (its order), so with one endpoint the figure would be that endpoint's round trip.
 */
final class WebhookThroughputRun {

    /** One case's figures; rates are per second from the first emit. */
    record Result(String queue, String batching, int endpoints, long events, double enqueuedPerSecond,
                  double deliveredEventsPerSecond, double requestsPerSecond, long requests) {
    }

    private static final Duration DELIVERY_LIMIT = Duration.ofSeconds(180);

    private final int events;
    private final int endpoints;

    WebhookThroughputRun(int events, int endpoints) {
        this.events = events;
        this.endpoints = endpoints;
    }

    List<Result> run(PrintStream progress) throws Exception {
        List<Result> results = new ArrayList<>();
        try (RedisServer redis = RedisServer.start()) {
            RedisSettings settings = RedisSettings.fromUrl(redis.url(), Duration.ofSeconds(2));
            progress.printf("redis-server on %d; warm-up run%n", redis.port());
            measure("memory", WebhookSettings.Batching.disabled(), null, Math.max(1, events / 2), "warm-up");
            int n = 0;
            for (String queue : List.of("memory", "redis")) {
                for (WebhookSettings.Batching batching : List.of(WebhookSettings.Batching.disabled(), WebhookSettings.Batching.defaults())) {
                    Result r = measure(queue, batching, queue.equals("redis") ? settings : null, events, "bench-" + n++);
                    progress.println(r);
                    results.add(r);
                }
            }
        }
        return results;
    }

    private Result measure(String queueName, WebhookSettings.Batching batching, RedisSettings redis, int count, String prefix)
            throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // one endpoint per app: the sender keeps each endpoint's order with one request in flight to it
            Map<String, App> apps = new LinkedHashMap<>();
            for (int i = 0; i < endpoints; i++) {
                apps.put("hooks-app-" + i, App.builder("hooks-app-" + i, "hooks-key-" + i, "hooks-secret-" + i)
                        .webhooks(List.of(Webhook.of(receiver.url() + "/" + i, Set.of(WebhookEvent.CHANNEL_OCCUPIED)))).build());
            }
            App[] byIndex = apps.values().toArray(App[]::new);
            WebhookSettings settings = WebhookSettings.defaults().withBatching(batching).withQueueCapacity(Math.max(count, 1) * 2);
            WebhookQueue driver = redis == null ? new MemoryWebhookQueue(settings.queueCapacity())
                    : RedisWebhookQueue.open(redis, prefix + ":", settings.queueCapacity(), RedisWebhookQueue.Leases.defaults(),
                            id -> CompletableFuture.completedFuture(apps.get(id)));
            CountingQueue queue = new CountingQueue(driver);
            WebhookDispatcher dispatcher = new WebhookDispatcher(settings, queue);
            try {
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    dispatcher.emit(byIndex[i % byIndex.length], WebhookEvent.channelOccupied("channel-" + i));
                }
                long deadline = start + DELIVERY_LIMIT.toNanos();
                while (receiver.events() < count && System.nanoTime() < deadline) {
                    if (dispatcher.counters().dropped() > 0 || dispatcher.counters().failed() > 0 || queue.refused() > 0) {
                        break;
                    }
                    Thread.sleep(5);
                }
                if (receiver.events() != count) {
                    throw new IllegalStateException(queueName + ": " + receiver.events() + " of " + count + " events delivered; "
                            + dispatcher.counters() + ", refused batches " + queue.refused());
                }
                double enqueued = queue.offeredEvents() / seconds(start, queue.lastOfferNanos());
                double took = seconds(start, receiver.lastNanos());
                return new Result(queueName, batching.enabled() ? "up to " + batching.size() + " events / "
                        + batching.duration().toMillis() + " ms" : "off (1 event per request)",
                        endpoints, count, enqueued, receiver.events() / took, receiver.requests() / took, receiver.requests());
            } finally {
                dispatcher.shutdown(Duration.ofSeconds(5));
            }
        }
    }

    private static double seconds(long startNanos, long endNanos) {
        return Math.max(1, endNanos - startNanos) / 1e9;
    }
}
