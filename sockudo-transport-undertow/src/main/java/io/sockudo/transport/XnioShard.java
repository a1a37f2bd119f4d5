package io.sockudo.transport;

import io.sockudo.adapter.connection.Shard;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/** An XNIO I/O thread as an engine {@link Shard}. */
final class XnioShard implements Shard {

    private final int index;
    private final XnioIoThread thread;

    XnioShard(int index, XnioIoThread thread) {
        this.index = index;
        this.thread = thread;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public boolean inShard() {
        return Thread.currentThread() == thread;
    }

    /** Tasks posted while the thread shuts down are dropped: their connections are closing anyway. */
    @Override
    public void execute(Runnable task) {
        try {
            thread.execute(task);
        } catch (RuntimeException shuttingDown) {
            // nothing to deliver to any more
        }
    }

    @Override
    public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        XnioExecutor.Key key = thread.executeAfter(task, delay, unit);
        return key::remove;
    }

    XnioIoThread thread() {
        return thread;
    }
}
