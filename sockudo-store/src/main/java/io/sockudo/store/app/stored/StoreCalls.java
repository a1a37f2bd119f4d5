package io.sockudo.store.app.stored;

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
 * Runs a store's blocking calls (JDBC, the AWS SDK) on threads of its own so that no caller,
 * least of all an I/O thread, ever waits on a database. The threads and the queue in front of
 * them are bounded: when the database is slow, excess lookups fail at once instead of piling up.
 * Every call's future completes within {@code bound}, whatever the driver does: past it, the
 * future fails with an {@link AppStoreException} saying so, and the call's thread is freed by
 * the driver's own timeouts, which are set shorter than the bound.
 */
public final class StoreCalls implements AutoCloseable {

    private final String store;
    private final Duration bound;
    private final ThreadPoolExecutor threads;
    private final Executor deadline;

    /**
     * @param store   the store's name in messages and thread names ({@code mysql}, {@code dynamodb})
     * @param threads how many calls run at once (the connection pool's size)
     * @param queued  how many calls may wait for a thread
     * @param bound   how long a caller waits at most
     */
    public StoreCalls(String store, int threads, int queued, Duration bound) {
        this.store = store;
        this.bound = bound;
        AtomicInteger n = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queued), r -> {
            Thread t = new Thread(r, "sockudo-" + store + "-app-store-" + n.incrementAndGet());
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

    /** Runs {@code call} on a store thread; {@code what} names it in errors ("lookup of key 'k'"). */
    public <T> CompletableFuture<T> call(String what, Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            threads.execute(() -> {
                if (result.isDone()) {
                    return; // the caller gave up while this waited for a thread
                }
                try {
                    result.complete(call.call());
                } catch (AppStoreException e) {
                    result.completeExceptionally(e);
                } catch (Exception e) {
                    result.completeExceptionally(new AppStoreException(store + " app store: " + what + " failed: " + e, e));
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new AppStoreException(store + " app store: " + what
                    + " refused: " + threads.getQueue().size() + " lookups already wait for the database"));
            return result;
        }
        deadline.execute(() -> result.completeExceptionally(new AppStoreException(store + " app store: " + what
                + " got no answer within " + bound.toMillis() + " ms")));
        return result;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
