package io.sockudo.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One selector thread driving many clients. The loop runs posted tasks, hands each ready key to
 * the client's state machine ({@link ClientLifecycle}) or the read path ({@link InboundReader}),
 * and sweeps for timeouts; other threads talk to it only by posting tasks, so everything about
 * a client happens on this thread.
 */
final class ClientLoop implements Runnable {

    /** What the run does when a client reaches a state. Called on the loop thread. */
    interface Listener {
        default void established(Client c) {
        }

        default void subscribed(Client c) {
        }

        /** The socket is closed, for whatever reason; {@code byUs} when we closed it. */
        default void ended(Client c, boolean byUs) {
        }
    }

    /** Where clients connect and how they authenticate. */
    record Target(InetSocketAddress address, byte[] handshake, boolean baseline, String key, String secret) {
    }

    private static final long SWEEP_NANOS = 250_000_000L;

    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final LoopStats stats = new LoopStats();
    private final ClientLifecycle lifecycle;
    private final InboundReader inbound;
    private volatile boolean running = true;
    private Thread thread;
    private long lastSweep;

    ClientLoop(Target target, Tally tally, long timeoutNanos) throws IOException {
        this.selector = Selector.open();
        this.lifecycle = new ClientLifecycle(selector, target, tally, stats, timeoutNanos);
        this.inbound = new InboundReader(lifecycle, new PusherEvents(lifecycle, tally, stats), stats);
    }

    void listener(Listener l) {
        lifecycle.listener(l);
    }

    void memberSentAt(AtomicLongArray times) {
        lifecycle.memberSentAt(times);
    }

    Thread start(String name) {
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Runs a task on the loop thread, always later, never inside the caller: a listener that
     * reopens or closes a client must not change it under the frame handler that called it.
     */
    void execute(Runnable task) {
        tasks.add(task);
        if (Thread.currentThread() != thread) {
            selector.wakeup();
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                if (tasks.isEmpty()) {
                    selector.select(100);
                } else {
                    selector.selectNow();
                }
                for (Runnable t; (t = tasks.poll()) != null; ) {
                    t.run();
                }
                var keys = selector.selectedKeys();
                for (SelectionKey k : keys) {
                    handle(k);
                }
                keys.clear();
                long now = System.nanoTime();
                if (now - lastSweep > SWEEP_NANOS) {
                    lastSweep = now;
                    lifecycle.sweep(now);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (SelectionKey k : selector.keys()) {
                if (k.attachment() instanceof Client c) {
                    ClientLifecycle.quietClose(c);
                }
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // the process is ending
            }
        }
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    void awaitStop(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ================================================================ commands (loop thread)

    /** Opens the client's socket, bound to {@code source} when given. */
    void open(Client c, InetAddress source) {
        execute(() -> lifecycle.open(c, source));
    }

    void subscribe(Client c) {
        execute(() -> lifecycle.subscribe(c));
    }

    void unsubscribe(Client c) {
        execute(() -> lifecycle.unsubscribe(c));
    }

    /** Closes the client: with the close handshake, or abruptly with a reset. */
    void close(Client c, boolean graceful) {
        execute(() -> lifecycle.close(c, graceful));
    }

    /** The counters now; with {@code reset}, latency histograms start over. */
    CompletableFuture<LoopStats.Snapshot> snapshot(boolean reset) {
        CompletableFuture<LoopStats.Snapshot> f = new CompletableFuture<>();
        execute(() -> f.complete(stats.snapshot(reset)));
        return f;
    }

    /** Deliveries, member added, member removed: cheap to poll while waiting for a drain. */
    CompletableFuture<long[]> progress() {
        CompletableFuture<long[]> f = new CompletableFuture<>();
        execute(() -> f.complete(new long[] {
            stats.deliveries[0] + stats.deliveries[1], stats.memberAdded, stats.memberRemoved}));
        return f;
    }

    /** Presence views of this loop's clients: subscribed count, sum of initial views, count seeing {@code expected}. */
    CompletableFuture<long[]> views(int expected) {
        CompletableFuture<long[]> f = new CompletableFuture<>();
        execute(() -> {
            long subscribed = 0;
            long initial = 0;
            long complete = 0;
            for (SelectionKey k : selector.keys()) {
                if (k.attachment() instanceof Client c && c.state == Client.SUBSCRIBED) {
                    subscribed++;
                    initial += c.initialView;
                    if (c.view == expected) {
                        complete++;
                    }
                }
            }
            f.complete(new long[] {subscribed, initial, complete});
        });
        return f;
    }

    /** Subscribed clients whose presence view is not {@code expected}: "u7 sees 19 (joined seeing 3)". */
    CompletableFuture<List<String>> incompleteViews(int expected) {
        CompletableFuture<List<String>> f = new CompletableFuture<>();
        execute(() -> {
            List<String> out = new ArrayList<>();
            for (SelectionKey k : selector.keys()) {
                if (k.attachment() instanceof Client c && c.state == Client.SUBSCRIBED && c.view != expected) {
                    out.add("u" + c.id + " sees " + c.view + " (joined seeing " + c.initialView + ")");
                }
            }
            f.complete(out);
        });
        return f;
    }

    /** How many of this loop's clients are subscribed, per channel index ({@code id mod channels}). */
    CompletableFuture<int[]> subscribedPerChannel(int channels) {
        CompletableFuture<int[]> f = new CompletableFuture<>();
        execute(() -> {
            int[] counts = new int[channels];
            for (SelectionKey k : selector.keys()) {
                if (k.attachment() instanceof Client c && c.state == Client.SUBSCRIBED) {
                    counts[c.id % channels]++;
                }
            }
            f.complete(counts);
        });
        return f;
    }

    // ================================================================ events

    private void handle(SelectionKey k) {
        Client c = (Client) k.attachment();
        try {
            if (!k.isValid()) {
                return;
            }
            if (k.isConnectable()) {
                lifecycle.finishConnect(c);
                return;
            }
            if (k.isWritable()) {
                lifecycle.flush(c);
            }
            if (k.isValid() && k.isReadable()) {
                inbound.readable(c);
            }
        } catch (CancelledKeyException e) {
            // closed while handling; nothing left to do
        }
    }
}
