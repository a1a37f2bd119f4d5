package io.sockudo.adapter.cluster;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one thread that talks to the server on the way out. Callers only queue (never block);
 * the thread encodes and hands what has queued up to the transport in batches, in queue order,
 * so messages from this node keep their order.
 */
final class Publisher {

    private static final System.Logger LOG = System.getLogger(Publisher.class.getName());
    private static final int MAX_BATCH = 256;

    private final String nodeId;
    private final Transport transport;
    private final BlockingQueue<Queued> queue;
    private final Thread thread;
    final LongAdder published = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder failed = new LongAdder();
    private volatile boolean stopping;
    private boolean failing;

    Publisher(String nodeId, Transport transport, int capacity) {
        this.nodeId = nodeId;
        this.transport = transport;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "sockudo-backbone-publisher-" + nodeId);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues a message; false (and counted) when the queue is full or the publisher stopped. */
    boolean offer(Destination destination, ClusterMessage message) {
        if (stopping || !queue.offer(new Queued(destination, message))) {
            dropped.increment();
            return false;
        }
        return true;
    }

    /** Sends what is queued, for at most {@code flushMs}, then stops the thread. */
    void stop(long flushMs) {
        stopping = true;
        queue.offer(Queued.STOP);
        try {
            thread.join(flushMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }

    private void run() {
        List<Queued> taken = new ArrayList<>(MAX_BATCH);
        List<Transport.Outgoing> batch = new ArrayList<>(MAX_BATCH);
        boolean last = false;
        while (!last) {
            try {
                Queued first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                queue.drainTo(taken, MAX_BATCH - 1);
            } catch (InterruptedException e) {
                return;
            }
            for (Queued q : taken) {
                if (q == Queued.STOP) {
                    last = true;
                    break;
                }
                try {
                    batch.add(new Transport.Outgoing(transport.subject(q.destination), ClusterCodec.encode(nodeId, q.message)));
                } catch (RuntimeException e) {
                    failed.increment();
                    LOG.log(Level.ERROR, "node " + nodeId + " could not encode " + q.message, e);
                }
            }
            send(batch);
            taken.clear();
            batch.clear();
        }
    }

    private void send(List<Transport.Outgoing> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            transport.send(batch);
            published.add(batch.size());
            if (failing) {
                failing = false;
                LOG.log(Level.INFO, "node " + nodeId + " publishes to the cluster again");
            }
        } catch (Exception e) {
            failed.add(batch.size());
            if (!failing) {
                failing = true; // said once per outage, not once per message
                LOG.log(Level.WARNING, "node " + nodeId + " cannot publish to the cluster, messages are lost until it can: " + e);
            }
        }
    }

    private record Queued(Destination destination, ClusterMessage message) {
        static final Queued STOP = new Queued(Destination.BROADCAST, new NodeDead("-"));
    }
}
