package io.sockudo.store.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * How webhooks are batched, retried and bounded; sockudo's {@code webhooks.*} settings plus the
 * bounds this server adds.
 *
 * @param batching       grouping of an app's events into one request ({@code webhooks.batching})
 * @param retry          what happens when an endpoint fails ({@code webhooks.retry})
 * @param requestTimeout how long one request may take ({@code webhooks.request_timeout_ms})
 * @param maxConcurrent  requests in flight at once, across all endpoints
 * @param queueCapacity  events held in memory before new ones are dropped
 */
public record WebhookSettings(Batching batching, Retry retry, Duration requestTimeout, int maxConcurrent,
                              int queueCapacity) {

    public static final int DEFAULT_MAX_CONCURRENT = 20;
    public static final int DEFAULT_QUEUE_CAPACITY = 100_000;

    public WebhookSettings {
        Objects.requireNonNull(batching, "batching");
        Objects.requireNonNull(retry, "retry");
        requirePositive(requestTimeout, "requestTimeout");
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1, was " + maxConcurrent);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
        }
    }

    /** sockudo's defaults: batches of up to 100 events or 50 ms, retries for up to 5 minutes, 10 s per request. */
    public static WebhookSettings defaults() {
        return new WebhookSettings(Batching.defaults(), Retry.defaults(), Duration.ofSeconds(10),
                DEFAULT_MAX_CONCURRENT, DEFAULT_QUEUE_CAPACITY);
    }

    public WebhookSettings withBatching(Batching b) {
        return new WebhookSettings(b, retry, requestTimeout, maxConcurrent, queueCapacity);
    }

    public WebhookSettings withRetry(Retry r) {
        return new WebhookSettings(batching, r, requestTimeout, maxConcurrent, queueCapacity);
    }

    public WebhookSettings withRequestTimeout(Duration d) {
        return new WebhookSettings(batching, retry, d, maxConcurrent, queueCapacity);
    }

    public WebhookSettings withMaxConcurrent(int n) {
        return new WebhookSettings(batching, retry, requestTimeout, n, queueCapacity);
    }

    public WebhookSettings withQueueCapacity(int n) {
        return new WebhookSettings(batching, retry, requestTimeout, maxConcurrent, n);
    }

    /**
     * Grouping of one app's events into a single request.
     *
     * @param enabled  when false every event is its own request
     * @param duration the longest an event waits for others ({@code batching.duration}, ms in the config)
     * @param size     a batch is sent as soon as it holds this many events ({@code batching.size})
     */
    public record Batching(boolean enabled, Duration duration, int size) {

        public Batching {
            requirePositive(duration, "batching duration");
            if (size < 1) {
                throw new IllegalArgumentException("batching size must be at least 1, was " + size);
            }
        }

        public static Batching defaults() {
            return new Batching(true, Duration.ofMillis(50), 100);
        }

        public static Batching disabled() {
            return new Batching(false, Duration.ofMillis(50), 1);
        }
    }

    /**
     * Retries of a request that failed on the network, timed out, or got 408, 409, 425, 429 or
     * 5xx. Waits double from {@code initialBackoff} up to {@code maxBackoff}; a request is given up
     * when the next attempt would start after {@code maxElapsed} from the first, or after
     * {@code maxAttempts} attempts.
     *
     * @param enabled        when false a failed request is not repeated
     * @param maxAttempts    attempts in all, the first included; null for no limit but {@code maxElapsed}
     * @param maxElapsed     {@code retry.max_elapsed_time_ms}
     * @param initialBackoff {@code retry.initial_backoff_ms}
     * @param maxBackoff     {@code retry.max_backoff_ms}
     */
    public record Retry(boolean enabled, Integer maxAttempts, Duration maxElapsed, Duration initialBackoff,
                        Duration maxBackoff) {

        public Retry {
            if (maxAttempts != null && maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
            }
            requirePositive(maxElapsed, "maxElapsed");
            requirePositive(initialBackoff, "initialBackoff");
            requirePositive(maxBackoff, "maxBackoff");
        }

        public static Retry defaults() {
            return new Retry(true, null, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofMinutes(1));
        }

        public static Retry disabled() {
            return new Retry(false, 1, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofMinutes(1));
        }
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
