package io.sockudo.store.ratelimit;

/**
 * Counts requests per key (usually {@code identifier:client-address}) and says whether one more is
 * allowed. Implementations are safe to call from many threads and never wait on I/O held by
 * another caller.
 */
public interface RateLimiter {

    /** Counts one request for {@code key} and decides on it. */
    Decision tryAcquire(String key);

    /**
     * The verdict on one request, with what a client needs to back off
     * ({@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset}, {@code Retry-After}).
     *
     * @param allowed      whether the request may proceed
     * @param limit        requests allowed per window
     * @param remaining    requests left in the current window after this one
     * @param resetSeconds seconds until the current window ends and the count starts again (at least 1)
     */
    record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {
    }
}
