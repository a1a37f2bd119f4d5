package io.sockudo.server.config;

import java.time.Duration;

/**
 * How webhooks are delivered, for every app (sockudo's top-level {@code webhooks.*}). Which
 * events go where is per app ({@link io.sockudo.adapter.app.Webhook}).
 *
 * @param batching       merging of events into fewer requests
 * @param retry          retrying of failed deliveries
 * @param requestTimeout how long one delivery may take ({@code webhooks.request_timeout_ms}, 10 s)
 */
public record WebhooksConfig(Batching batching, Retry retry, Duration requestTimeout) {

    public static final WebhooksConfig DEFAULTS = new WebhooksConfig(
            new Batching(true, Duration.ofMillis(50), 100),
            new Retry(true, 0, Duration.ofMillis(300_000), Duration.ofMillis(1_000), Duration.ofMillis(60_000)),
            Duration.ofMillis(10_000));

    /**
     * {@code webhooks.batching}.
     *
     * @param enabled  whether events of one app are merged into one request (true)
     * @param duration how long events are collected before they are sent ({@code duration} in ms, 50)
     * @param size     the most events in one request (100)
     */
    public record Batching(boolean enabled, Duration duration, int size) {
    }

    /**
     * {@code webhooks.retry}: exponential backoff from {@code initialBackoff}, doubling up to
     * {@code maxBackoff}, until {@code maxElapsedTime} or {@code maxAttempts}.
     *
     * @param enabled        whether failed deliveries are retried (true)
     * @param maxAttempts    the most attempts, 0 for no limit other than the time ({@code max_attempts}, null)
     * @param maxElapsedTime when to give up ({@code max_elapsed_time_ms}, 300 000)
     * @param initialBackoff the first wait ({@code initial_backoff_ms}, 1000)
     * @param maxBackoff     the longest wait ({@code max_backoff_ms}, 60 000)
     */
    public record Retry(boolean enabled, int maxAttempts, Duration maxElapsedTime, Duration initialBackoff,
                        Duration maxBackoff) {
    }
}
