package io.sockudo.adapter.connection;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One I/O thread and the sockets it owns. All state of a socket, and the part of every channel's
 * membership that belongs to this shard, is touched only on this thread, so the broadcast path
 * needs no locks: a publish posts one task per shard, and each shard writes to its own sockets.
 */
public interface Shard extends Executor {

    /** This shard's position, 0 .. shardCount-1. */
    int index();

    /** Whether the caller runs on this shard's thread. */
    boolean inShard();

    /** Runs a task on this shard's thread after a delay. */
    Cancellable schedule(Runnable task, long delay, TimeUnit unit);

    /** A scheduled task that may be cancelled. */
    interface Cancellable {
        void cancel();
    }
}
