package io.sockudo.store.app.stored;

import io.sockudo.store.calls.BoundedCalls;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a store's blocking calls (JDBC, the AWS SDK) on threads of its own so that no caller,
 * least of all an I/O thread, ever waits on a database. The threads and the queue in front of
 * them are bounded: when the database is slow, excess lookups fail at once instead of piling up.
 * Every call's future completes within {@code bound}, whatever the driver does: past it, the
 * future fails with an {@link AppStoreException} saying so, and the call's thread is freed by
 * the driver's own timeouts, which are set shorter than the bound.
 */
public final class StoreCalls implements AutoCloseable {

    private final BoundedCalls calls;

    /**
     * @param store   the store's name in messages and thread names ({@code mysql}, {@code dynamodb})
     * @param threads how many calls run at once (the connection pool's size)
     * @param queued  how many calls may wait for a thread
     * @param bound   how long a caller waits at most
     */
    public StoreCalls(String store, int threads, int queued, Duration bound) {
        this.calls = new BoundedCalls("sockudo-" + store + "-app-store", threads, queued, bound, new BoundedCalls.Failures() {
            @Override
            public RuntimeException failed(String what, Exception cause) {
                return cause instanceof AppStoreException own ? own
                        : new AppStoreException(store + " app store: " + what + " failed: " + cause, cause);
            }

            @Override
            public RuntimeException refused(String what, int waiting) {
                return new AppStoreException(store + " app store: " + what + " refused: " + waiting
                        + " lookups already wait for the database");
            }

            @Override
            public RuntimeException timedOut(String what, Duration bound) {
                return new AppStoreException(store + " app store: " + what + " got no answer within " + bound.toMillis() + " ms");
            }
        }, false);
    }

    /** The longest a caller waits for an answer. */
    public Duration bound() {
        return calls.bound();
    }

    /** Runs {@code call} on a store thread; {@code what} names it in errors ("lookup of key 'k'"). */
    public <T> CompletableFuture<T> call(String what, Callable<T> call) {
        return calls.call(what, call);
    }

    @Override
    public void close() {
        calls.close();
    }
}
