package io.sockudo.store.calls;

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
 * Runs blocking calls (JDBC, the AWS SDK, Redis) on threads of their own, so that no caller, least
 * of all an I/O thread, ever waits on a backing server. Threads and the queue in front of them are
 * bounded: when the server is slow or gone, calls beyond them fail at once instead of piling up,
 * and every call's future completes within {@code bound}, whatever the driver does. With one
 * thread, calls run in the order they were made. How a failure reads is the caller's: each store
 * names its server and its own exception type through {@link Failures}.
 */
public final class BoundedCalls implements AutoCloseable {

    /** The exceptions a store's callers see. */
    public interface Failures {

        /** The call threw; {@code cause} is passed through as is when it already is the store's own. */
        RuntimeException failed(String what, Exception cause);

        /** No thread and no queue slot was free; {@code waiting} calls were queued. */
        RuntimeException refused(String what, int waiting);

        /** No answer within the bound. */
        RuntimeException timedOut(String what, Duration bound);
    }

    private final Duration bound;
    private final Failures failures;
    private final boolean drainOnClose;
    private final ThreadPoolExecutor threads;
    private final Executor deadline;

    /**
     * @param threadName   the threads' name prefix
     * @param threads      how many calls run at once
     * @param queued       how many calls may wait for a thread
     * @param bound        how long a caller waits at most
     * @param failures     how failures are reported
     * @param drainOnClose whether {@link #close()} lets queued calls finish (within the bound)
     *                     rather than dropping them
     */
    public BoundedCalls(String threadName, int threads, int queued, Duration bound, Failures failures, boolean drainOnClose) {
        this.bound = bound;
        this.failures = failures;
        this.drainOnClose = drainOnClose;
        AtomicInteger n = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queued), r -> {
            Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.threads.allowCoreThreadTimeOut(true);
        this.deadline = CompletableFuture.delayedExecutor(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The longest a caller waits for an answer. */
    public Duration bound() {
        return bound;
    }

    /** Runs {@code call} on one of the threads; {@code what} names it in errors ("lookup of key 'k'"). */
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
                    result.completeExceptionally(failures.failed(what, e));
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(failures.refused(what, threads.getQueue().size()));
            return result;
        }
        deadline.execute(() -> result.completeExceptionally(failures.timedOut(what, bound)));
        return result;
    }

    @Override
    public void close() {
        if (!drainOnClose) {
            threads.shutdownNow();
            return;
        }
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
