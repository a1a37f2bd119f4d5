package io.sockudo.store.webhook;

/**
 * When to try a failed delivery again, and when to stop. Pure arithmetic over
 * {@link WebhookSettings.Retry}, so it is tested without a network.
 */
final class RetrySchedule {

    /** Returned by {@link #delayMillis} when the delivery should be given up. */
    static final long GIVE_UP = -1;

    private final WebhookSettings.Retry retry;
    private final long initialMillis;
    private final long maxMillis;
    private final long maxElapsedMillis;

    RetrySchedule(WebhookSettings.Retry retry) {
        this.retry = retry;
        this.initialMillis = retry.initialBackoff().toMillis();
        this.maxMillis = retry.maxBackoff().toMillis();
        this.maxElapsedMillis = retry.maxElapsed().toMillis();
    }

    /**
     * 2xx is delivered; 408 (timeout), 409 (conflict), 425 (too early), 429 (slow down) and 5xx may
     * succeed later; any other status will not change by asking again.
     */
    static boolean isRetryable(int status) {
        return status == 408 || status == 409 || status == 425 || status == 429 || status >= 500;
    }

    static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    /**
     * @param attemptsMade     attempts so far, at least 1
     * @param elapsedMillis    since the first attempt started
     * @param retryAfterMillis what the endpoint asked for in {@code Retry-After}, or -1
     * @return milliseconds to wait before the next attempt, or {@link #GIVE_UP}
     */
    long delayMillis(int attemptsMade, long elapsedMillis, long retryAfterMillis) {
        if (!retry.enabled()) {
            return GIVE_UP;
        }
        if (retry.maxAttempts() != null && attemptsMade >= retry.maxAttempts()) {
            return GIVE_UP;
        }
        long delay = initialMillis;
        for (int i = 1; i < attemptsMade && delay < maxMillis; i++) {
            delay *= 2;
        }
        delay = Math.min(delay, maxMillis);
        // an endpoint that says when to come back is believed, up to the longest wait we allow
        if (retryAfterMillis > delay) {
            delay = Math.min(retryAfterMillis, maxMillis);
        }
        if (elapsedMillis + delay > maxElapsedMillis) {
            return GIVE_UP;
        }
        return delay;
    }

    /** A {@code Retry-After} in seconds as milliseconds; -1 when absent or a date (dates are not worth the parsing here). */
    static long retryAfterMillis(String header) {
        if (header == null) {
            return -1;
        }
        String s = header.trim();
        if (s.isEmpty() || s.length() > 9) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(s) * 1000;
    }
}
