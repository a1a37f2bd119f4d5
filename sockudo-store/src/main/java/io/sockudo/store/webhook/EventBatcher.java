package io.sockudo.store.webhook;

import io.sockudo.adapter.app.App;
import io.sockudo.protocol.WebhookEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Takes events from the I/O threads and groups them per app into batches on a thread of its own.
 *
 * <p>The hand-off is a lock-free queue plus a counter for its bound; the batching thread is only
 * unparked when it has said it is about to sleep, so a busy engine pays one queue insert and one
 * atomic increment per event. Everything else (open batches, deadlines, drop reports) belongs to
 * the batching thread alone.
 */
final class EventBatcher {

    private static final System.Logger LOG = System.getLogger(EventBatcher.class.getName());
    private static final long DROP_WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private record Pending(App app, WebhookEvent event) {
    }

    /** An app's events waiting to go; the app is the latest instance seen, in case it was reconfigured. */
    private static final class OpenBatch {
        final long openedNanos;
        final List<WebhookEvent> events = new ArrayList<>();
        App app;

        OpenBatch(long openedNanos) {
            this.openedNanos = openedNanos;
        }
    }

    private final WebhookSettings.Batching batching;
    private final long durationNanos;
    private final int capacity;
    private final Predicate<WebhookBatch> out;
    private final WebhookCounters counters;
    private final ConcurrentLinkedQueue<Pending> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inboxSize = new AtomicInteger();
    private final Thread thread;
    private volatile boolean sleeping;
    private volatile boolean closing;

    // owned by the batching thread
    private final Map<String, OpenBatch> open = new LinkedHashMap<>();
    private long reportedDrops;
    private long lastDropWarningNanos;

    /**
     * @param out receives each finished batch; false means it was refused and its events are dropped
     */
    EventBatcher(WebhookSettings.Batching batching, int capacity, Predicate<WebhookBatch> out, WebhookCounters counters) {
        this.batching = batching;
        this.durationNanos = batching.duration().toNanos();
        this.capacity = capacity;
        this.out = out;
        this.counters = counters;
        this.thread = new Thread(this::run, "sockudo-webhook-batcher");
        thread.setDaemon(true);
        this.lastDropWarningNanos = System.nanoTime() - DROP_WARNING_INTERVAL_NANOS;
    }

    void start() {
        thread.start();
    }

    /** Called on I/O threads; false when the inbox is full. */
    boolean offer(App app, WebhookEvent event) {
        if (inboxSize.incrementAndGet() > capacity) {
            inboxSize.decrementAndGet();
            return false;
        }
        inbox.offer(new Pending(app, event));
        // pairs with the batching thread setting `sleeping` before its last look at the inbox
        if (sleeping) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    /** Sends every open batch, however young, and stops. Returns whether the thread finished in time. */
    boolean close(long timeoutNanos) throws InterruptedException {
        closing = true;
        LockSupport.unpark(thread);
        TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, timeoutNanos));
        return !thread.isAlive();
    }

    /** Events that arrived after the final flush; called once the thread has stopped. */
    int discardLeftovers() {
        int n = 0;
        while (inbox.poll() != null) {
            n++;
        }
        return n;
    }

    private void run() {
        while (true) {
            boolean last = closing;
            long now = System.nanoTime();
            Pending p;
            while ((p = inbox.poll()) != null) {
                inboxSize.decrementAndGet();
                add(p, now);
            }
            if (last) {
                for (OpenBatch b : open.values()) {
                    flush(b);
                }
                open.clear();
                reportDrops(System.nanoTime(), true);
                return;
            }
            long wait = Math.min(flushDue(now), reportDrops(now, false));
            sleeping = true;
            if (inbox.isEmpty() && !closing) {
                if (wait == Long.MAX_VALUE) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, wait);
                }
            }
            sleeping = false;
        }
    }

    private void add(Pending p, long now) {
        if (!batching.enabled()) {
            OpenBatch single = new OpenBatch(now);
            single.app = p.app();
            single.events.add(p.event());
            flush(single);
            return;
        }
        OpenBatch b = open.computeIfAbsent(p.app().id(), id -> new OpenBatch(now));
        b.app = p.app();
        b.events.add(p.event());
        if (b.events.size() >= batching.size()) {
            open.remove(p.app().id());
            flush(b);
        }
    }

    /** Sends the batches whose time is up; returns nanoseconds until the next one is, or MAX_VALUE. */
    private long flushDue(long now) {
        // every batch waits the same duration, so insertion order is deadline order
        Iterator<OpenBatch> it = open.values().iterator();
        while (it.hasNext()) {
            OpenBatch b = it.next();
            long left = b.openedNanos + durationNanos - now;
            if (left > 0) {
                return left;
            }
            it.remove();
            flush(b);
        }
        return Long.MAX_VALUE;
    }

    private void flush(OpenBatch b) {
        WebhookBatch batch = new WebhookBatch(b.app, System.currentTimeMillis(), b.events);
        boolean accepted;
        try {
            accepted = out.test(batch);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "webhook queue failed to take a batch", e);
            accepted = false;
        }
        if (!accepted) {
            counters.dropped(batch.size());
        }
    }

    /**
     * Logs drops at most once per interval, from this thread, so a flood of them costs the I/O
     * threads nothing but a counter. Returns nanoseconds until a pending report is due, or MAX_VALUE.
     */
    private long reportDrops(long now, boolean force) {
        long dropped = counters.dropped();
        if (dropped == reportedDrops) {
            return Long.MAX_VALUE;
        }
        long sinceLast = now - lastDropWarningNanos;
        if (!force && sinceLast < DROP_WARNING_INTERVAL_NANOS) {
            return DROP_WARNING_INTERVAL_NANOS - sinceLast;
        }
        LOG.log(System.Logger.Level.WARNING, "webhook queue full: dropped {0} events ({1} in total)",
                Long.toString(dropped - reportedDrops), Long.toString(dropped));
        reportedDrops = dropped;
        lastDropWarningNanos = now;
        return Long.MAX_VALUE;
    }
}
