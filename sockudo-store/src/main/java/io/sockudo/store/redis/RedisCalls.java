package io.sockudo.store.redis;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs blocking Redis commands on threads of their own, so that no I/O thread ever waits on
 * Redis. Threads and queue are bounded: when Redis is slow or gone, calls beyond them fail at once
 * instead of piling up, and every call's future completes within {@code bound}. With one thread,
 * calls run in the order they were made.
 */
public final class RedisCalls implements AutoCloseable {

    private final String name;
    private final Duration bound;
    private final ThreadPoolExecutor threads;
    private final Executor deadline;

    /**
     * @param name    what the calls are for, in messages and thread names ({@code channel-cache})
     * @param threads how many calls run at once
     * @param queued  how many calls may wait for a thread
     * @param bound   how long a caller waits at most
     */
    public RedisCalls(String name, int threads, int queued, Duration bound) {
        this.name = name;
        this.bound = bound;
        AtomicInteger n = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queued), r -> {
            Thread t = new Thread(r, "sockudo-redis-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.threads.allowCoreThreadTimeOut(true);
        this.deadline = CompletableFuture.delayedExecutor(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code call} on a Redis thread; {@code what} names it in errors. */
    public <T> CompletableFuture<T> call(String what, Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            threads.execute(() -> {
                if (result.isDone()) {
                    return; // the caller gave up while this waited for a thread
                }
                try {
                    result.complete(call.call());
                } catch (Exception e) {
                    result.completeExceptionally(new RedisStoreException(name + ": " + what + " failed: " + e.getMessage(), e));
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new RedisStoreException(name + ": " + what + " refused: "
                    + threads.getQueue().size() + " calls already wait for Redis"));
            return result;
        }
        deadline.execute(() -> result.completeExceptionally(new RedisStoreException(name + ": " + what
                + " got no answer within " + bound.toMillis() + " ms")));
        return result;
    }

    @Override
    public void close() {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
