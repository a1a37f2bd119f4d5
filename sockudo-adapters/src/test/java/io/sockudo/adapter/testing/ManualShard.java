package io.sockudo.adapter.testing;

import io.sockudo.adapter.connection.Shard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A shard whose "I/O thread" is the test's own thread: posted tasks wait in a queue until the
 * test runs them, and scheduled tasks run when the test moves the {@link ManualClock} past them.
 * Tasks may be posted from any thread; they only ever run on the thread that created the shard.
 */
public final class ManualShard implements Shard {

    private final int index;
    private final ManualClock clock;
    private final Thread owner = Thread.currentThread();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Timed> timers = new ArrayList<>();
    private long timerOrder;

    private final class Timed implements Cancellable {
        final long dueNanos;
        final long order;
        final Runnable task;

        Timed(long dueNanos, long order, Runnable task) {
            this.dueNanos = dueNanos;
            this.order = order;
            this.task = task;
        }

        @Override
        public void cancel() {
            synchronized (timers) {
                timers.remove(this);
            }
        }
    }

    public ManualShard(int index, ManualClock clock) {
        this.index = index;
        this.clock = clock;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public boolean inShard() {
        return Thread.currentThread() == owner;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    @Override
    public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        Timed t = new Timed(clock.getAsLong() + unit.toNanos(delay), timerOrder++, task);
        synchronized (timers) {
            timers.add(t);
        }
        return t;
    }

    /** Runs posted tasks, including those they post, until none is left; returns how many ran. */
    public int runPending() {
        assertOwner();
        int ran = 0;
        Runnable r;
        while ((r = tasks.poll()) != null) {
            r.run();
            ran++;
        }
        return ran;
    }

    /** When the earliest scheduled task is due, if any. */
    Optional<Long> nextDue() {
        synchronized (timers) {
            return timers.stream().min(Comparator.comparingLong((Timed t) -> t.dueNanos).thenComparingLong(t -> t.order))
                    .map(t -> t.dueNanos);
        }
    }

    /** Runs the earliest scheduled task if it is due by now; returns whether one ran. */
    boolean runOneDue() {
        assertOwner();
        Timed due;
        synchronized (timers) {
            due = timers.stream().filter(t -> t.dueNanos <= clock.getAsLong())
                    .min(Comparator.comparingLong((Timed t) -> t.dueNanos).thenComparingLong(t -> t.order))
                    .orElse(null);
            if (due == null) {
                return false;
            }
            timers.remove(due);
        }
        due.task.run();
        return true;
    }

    private void assertOwner() {
        if (!inShard()) {
            throw new IllegalStateException("shard tasks run on the thread that created the shard");
        }
    }
}
