package io.sockudo.adapter.ratelimit;

import java.util.concurrent.CompletableFuture;

/**
 * A {@link RateLimiter} whose counts live elsewhere (Redis, shared by every node): the verdict
 * comes later, so that a caller on an I/O thread never waits for it. Same budgets, same
 * {@link RateLimiter.Decision}; {@link #of} lets an in-process limiter stand in where counts
 * need not be shared.
 *
 * @param <K> what is counted, compared by {@code equals}
 */
public interface AsyncRateLimiter<K> {

    /**
     * Takes {@code permits} from the key's budget of {@code limit} per window; a refused request
     * takes nothing. The future fails when the counts cannot be reached.
     *
     * @param limit the budget per window; 0 or less means no limit
     */
    CompletableFuture<RateLimiter.Decision> tryAcquire(K key, int permits, int limit);

    /** An in-process limiter, answering at once. */
    static <K> AsyncRateLimiter<K> of(RateLimiter<K> local) {
        return (key, permits, limit) -> CompletableFuture.completedFuture(local.tryAcquire(key, permits, limit));
    }
}
