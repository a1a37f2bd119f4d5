package io.sockudo.adapter.ratelimit;

/**
 * Counts what a key (an app, a socket, a client address) does in a window and says whether a
 * little more is allowed. The one rate-limiting abstraction of the server: the engine limits
 * client events per socket, API events and read requests per app with it, and the HTTP edge
 * limits client addresses. Implementations are safe to call from many threads and never block.
 *
 * @param <K> what is counted, compared by {@code equals}
 */
public interface RateLimiter<K> {

    /**
     * Takes {@code permits} from the key's budget of {@code limit} per window. A refused request
     * takes nothing.
     *
     * @param limit the budget per window; 0 or less means no limit (always allowed, nothing counted)
     */
    Decision tryAcquire(K key, int permits, int limit);

    /** Takes one permit; see {@link #tryAcquire(Object, int, int)}. */
    default Decision tryAcquire(K key, int limit) {
        return tryAcquire(key, 1, limit);
    }

    /** Drops what is counted for a key that is gone (a closed socket), before its window ends. */
    void forget(K key);

    /**
     * The verdict on one request, with what a client needs to back off
     * ({@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset}, {@code Retry-After}).
     *
     * @param allowed      whether the request may proceed
     * @param limit        permits allowed per window (0: unlimited)
     * @param remaining    permits left in the current window after this request
     * @param resetSeconds seconds until the current window ends and the count starts again (at least 1)
     */
    record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {

        /** The verdict where no limit applies. */
        public static final Decision UNLIMITED = new Decision(true, 0, Integer.MAX_VALUE, 1);
    }
}
