package io.sockudo.store.redis;

import io.sockudo.store.calls.BoundedCalls;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Runs blocking Redis commands on threads of their own, so that no I/O thread ever waits on
 * Redis. Threads and queue are bounded: when Redis is slow or gone, calls beyond them fail at once
 * instead of piling up, and every call's future completes within {@code bound}. With one thread,
 * calls run in the order they were made.
 */
public final class RedisCalls implements AutoCloseable {

    private final BoundedCalls calls;

    /**
     * @param name    what the calls are for, in messages and thread names ({@code channel-cache})
     * @param threads how many calls run at once
     * @param queued  how many calls may wait for a thread
     * @param bound   how long a caller waits at most
     */
    public RedisCalls(String name, int threads, int queued, Duration bound) {
        this.calls = new BoundedCalls("sockudo-redis-" + name, threads, queued, bound, new BoundedCalls.Failures() {
            @Override
            public RuntimeException failed(String what, Exception cause) {
                return new RedisStoreException(name + ": " + what + " failed: " + cause.getMessage(), cause);
            }

            @Override
            public RuntimeException refused(String what, int waiting) {
                return new RedisStoreException(name + ": " + what + " refused: " + waiting + " calls already wait for Redis");
            }

            @Override
            public RuntimeException timedOut(String what, Duration bound) {
                return new RedisStoreException(name + ": " + what + " got no answer within " + bound.toMillis() + " ms");
            }
        }, true);
    }

    /** Runs {@code call} on a Redis thread; {@code what} names it in errors. */
    public <T> CompletableFuture<T> call(String what, Callable<T> call) {
        return calls.call(what, call);
    }

    @Override
    public void close() {
        calls.close();
    }
}
