package io.sockudo.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The generator's clients and the selector threads that drive them. Client {@code i} lives on
 * loop {@code i mod loops}, joins channel {@code i mod channels}, binds to source address
 * {@code i mod sources}, and uses delta compression when it falls in the delta share (spread
 * evenly: with a share of 0.5, every second client).
 */
final class Fleet implements AutoCloseable {

    final Tally tally = new Tally();
    private final ClientLoop[] loops;
    private final Client[] clients;
    private final List<InetAddress> sources;
    private final boolean subscribeOnConnect;

    /** One connect phase: how many tried, reached the goal, failed, and how fast. */
    record ConnectResult(int attempted, long reached, long failed, Duration elapsed) {
        double perSecond() {
            return elapsed.isZero() ? 0 : reached * 1e9 / elapsed.toNanos();
        }

        /** Adds the connect-phase figures to a result row. */
        void describe(Result r, Tally tally, LoopStats.Snapshot s) {
            r.put("connections", attempted).put("connected", reached).put("failed", failed)
                    .put("failures", tally.failureSummary())
                    .put("connect_s", elapsed.toMillis() / 1000.0, 2)
                    .put("connects_per_s", perSecond(), 0)
                    .latency("connect", s.connectLatency())
                    .latency("subscribe", s.subscribeLatency());
        }
    }

    Fleet(LoadOptions o, int count, boolean subscribeOnConnect) {
        this.subscribeOnConnect = subscribeOnConnect && o.subscribe().subscribe();
        this.sources = o.connect().sources();
        LoadOptions.Target t = o.target();
        ClientLoop.Target target = new ClientLoop.Target(new InetSocketAddress(t.address(), t.port()),
                ClientFrames.handshake(t.host(), t.port(), t.key()), t.kind() == LoadOptions.ServerKind.BASELINE,
                t.key(), t.secret());
        loops = new ClientLoop[o.connect().loops()];
        for (int i = 0; i < loops.length; i++) {
            try {
                loops[i] = new ClientLoop(target, tally, o.connect().timeout().toNanos());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a selector", e);
            }
            loops[i].start("client-loop-" + i);
        }
        int channels = o.subscribe().channels();
        String[] names = new String[channels];
        for (int i = 0; i < channels; i++) {
            names[i] = o.subscribe().channel(i);
        }
        double share = o.subscribe().deltaFraction();
        clients = new Client[count];
        for (int i = 0; i < count; i++) {
            // spread evenly: client i uses delta when the running share crosses a whole number
            int group = (long) ((i + 1) * share) > (long) (i * share) ? 1 : 0;
            clients[i] = new Client(i, group, names[i % channels], loops[i % loops.length]);
        }
        listener(new ClientLoop.Listener() { });
    }

    /** Sets what happens on client events; subscribing on connect is added in front when asked for. */
    void listener(ClientLoop.Listener l) {
        ClientLoop.Listener effective = !subscribeOnConnect ? l : new ClientLoop.Listener() {
            @Override
            public void established(Client c) {
                c.loop.subscribe(c);
                l.established(c);
            }

            @Override
            public void subscribed(Client c) {
                l.subscribed(c);
            }

            @Override
            public void ended(Client c, boolean byUs) {
                l.ended(c, byUs);
            }
        };
        for (ClientLoop loop : loops) {
            loop.listener(effective);
        }
    }

    ClientLoop[] loops() {
        return loops;
    }

    Client client(int i) {
        return clients[i];
    }

    int size() {
        return clients.length;
    }

    InetAddress source(int i) {
        return sources.isEmpty() ? null : sources.get(i % sources.size());
    }

    /**
     * Opens clients {@code [from, to)}, at most {@code rate} per second (0: unpaced) and at most
     * {@code maxPending} unfinished at a time, and waits until each is subscribed (or
     * established, when not subscribing) or has failed.
     */
    ConnectResult connect(int from, int to, int rate, int maxPending, Duration timeout) {
        long baseGoal = goal();
        long baseFailures = tally.failures();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int next = from;
        int total = to - from;
        while (true) {
            long now = System.nanoTime();
            long reached = goal() - baseGoal;
            long failed = tally.failures() - baseFailures;
            if (reached + failed >= total || now > deadline) {
                return new ConnectResult(next - from, reached, failed, Duration.ofNanos(now - start));
            }
            long allowed = rate > 0 ? Math.min(to, from + 1 + (long) ((now - start) / 1e9 * rate)) : to;
            while (next < allowed && (next - from) - (reached + failed) < maxPending) {
                clients[next].loop.open(clients[next], source(next));
                next++;
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
        }
    }

    private long goal() {
        return subscribeOnConnect ? tally.subscribed.get() : tally.established.get();
    }

    /** Counters summed over the loops; with {@code reset}, latency histograms start over. */
    LoopStats.Snapshot snapshot(boolean reset) {
        LoopStats.Snapshot sum = LoopStats.Snapshot.empty();
        for (ClientLoop l : loops) {
            sum = sum.plus(l.snapshot(reset).join());
        }
        return sum;
    }

    /** Subscribed clients per channel index. */
    int[] subscribedPerChannel(int channels) {
        int[] sum = new int[channels];
        for (ClientLoop l : loops) {
            int[] c = l.subscribedPerChannel(channels).join();
            for (int i = 0; i < channels; i++) {
                sum[i] += c[i];
            }
        }
        return sum;
    }

    /** {deliveries, member added, member removed} so far. */
    long[] progress() {
        long[] sum = new long[3];
        for (ClientLoop l : loops) {
            long[] p = l.progress().join();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += p[i];
            }
        }
        return sum;
    }

    /** {subscribed, sum of initial presence views, clients seeing {@code expected} members}. */
    long[] views(int expected) {
        long[] sum = new long[3];
        for (ClientLoop l : loops) {
            long[] v = l.views(expected).join();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[i];
            }
        }
        return sum;
    }

    /** Up to {@code max} subscribed clients whose presence view is not {@code expected}. */
    List<String> incompleteViews(int expected, int max) {
        List<String> out = new java.util.ArrayList<>();
        for (ClientLoop l : loops) {
            out.addAll(l.incompleteViews(expected).join());
        }
        return out.subList(0, Math.min(max, out.size()));
    }

    /** Closes every client (abruptly) and stops the loops. */
    @Override
    public void close() {
        for (ClientLoop l : loops) {
            l.stop();
        }
        for (ClientLoop l : loops) {
            l.awaitStop(TimeUnit.SECONDS.toMillis(5));
        }
    }
}
