package io.sockudo.adapter;

import io.sockudo.adapter.cluster.Backbone;
import io.sockudo.adapter.cluster.NodeCount;
import io.sockudo.adapter.cluster.NodeCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells the other nodes this node's counts ({@link NodeCount}): its connections per app, its
 * sockets per channel and its connections per signed-in user. The engine only marks a key as
 * changed, from any thread, at the cost of a set insertion; one thread of its own reads the
 * current values a few milliseconds later and announces those that differ from what it last
 * announced, so a burst of joins costs one message per channel and never an I/O thread's time.
 */
final class CountAnnouncer implements AutoCloseable {

    /** How long changes gather before they are announced: the delay the cluster's counts lag by. */
    static final long COALESCE_MS = 10;
    private static final long RETRY_MS = 100;

    private final LocalAdapter local;
    private final Backbone backbone;
    private final ScheduledExecutorService thread;
    private final ConcurrentHashMap.KeySetView<NodeCount.Key, Boolean> dirty = ConcurrentHashMap.newKeySet();
    /** The dirty keys in the order they first changed, so that changes are announced in the order they happened. */
    private final ConcurrentLinkedQueue<NodeCount.Key> order = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    /** What the other nodes were last told, zero values left out. On {@link #thread} only. */
    private final Map<NodeCount.Key, Long> announced = new HashMap<>();

    CountAnnouncer(LocalAdapter local, Backbone backbone) {
        this.local = local;
        this.backbone = backbone;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sockudo-cluster-counts-" + backbone.nodeId());
            t.setDaemon(true);
            return t;
        });
    }

    /** A count of this node may have changed. Never blocks. */
    void changed(NodeCount.Key key) {
        mark(key);
        queueFlush(COALESCE_MS);
    }

    private void mark(NodeCount.Key key) {
        if (dirty.add(key)) {
            order.add(key);
        }
    }

    private void queueFlush(long delayMs) {
        if (flushQueued.compareAndSet(false, true)) {
            try {
                thread.schedule(this::flush, delayMs, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                // shutting down: the peers forget this node's counts with the node
            }
        }
    }

    /** A peer came up: it hears every count of this node, in one message. */
    void tell(String nodeId) {
        run(() -> backbone.send(nodeId, snapshot()));
    }

    /** The backbone is back after an outage: every peer hears every count again, in place of what it had. */
    void repeatAll() {
        run(() -> backbone.publish(snapshot()));
    }

    private NodeCounts snapshot() {
        flushNow();
        List<NodeCount> all = new ArrayList<>();
        announced.forEach((key, n) -> all.add(key.withCount(n)));
        return new NodeCounts(all);
    }

    private void flush() {
        flushQueued.set(false);
        flushNow();
    }

    private void flushNow() {
        List<NodeCount.Key> retry = new ArrayList<>();
        for (NodeCount.Key key = order.poll(); key != null; key = order.poll()) {
            dirty.remove(key);
            long now = local.localCount(key);
            Long before = announced.get(key);
            if (before != null ? before == now : now == 0) {
                continue;
            }
            if (!backbone.publish(key.withCount(now))) {
                retry.add(key);
                continue;
            }
            // one accepted but lost in an outage is made good by the full repeat after it
            if (now == 0) {
                announced.remove(key);
            } else {
                announced.put(key, now);
            }
        }
        if (!retry.isEmpty()) {
            // the outgoing queue was full: try again shortly, with the values of then
            retry.forEach(this::mark);
            queueFlush(RETRY_MS);
        }
    }

    private void run(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException closed) {
            // shutting down
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
