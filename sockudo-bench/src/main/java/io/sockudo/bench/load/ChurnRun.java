package io.sockudo.bench.load;

import java.io.PrintStream;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Churn: U virtual users each connect, subscribe and leave, over and over, half of them (by
 * default) with a close handshake and half with a reset. Afterwards the server must be back
 * where it started: no connections, no occupied channels (asked through the HTTP API and the
 * metrics endpoint), no extra sockets in the process, none stuck in CLOSE_WAIT.
 */
final class ChurnRun {

    private final LoadOptions o;
    private final PrintStream out;

    ChurnRun(LoadOptions o, PrintStream out) {
        this.o = o;
        this.out = out;
    }

    void run() {
        ServerProbe probe = new ServerProbe(o.probe());
        ChannelsQuery api = new ChannelsQuery(o.target());
        String prefix = o.subscribe().type().prefix + o.subscribe().prefix();
        // first calls open the keep-alive connections, so they are already in the "before" counts
        int occupiedBefore = api.occupied(prefix);
        double connectedBefore = probe.metric("sockudo_connected");
        Sleep.millis(200);
        int sockets0 = probe.openSockets();
        long[] tcp0 = ServerProbe.tcpStates(o.target().port());

        int users = o.churn().users();
        double abrupt = o.churn().abruptFraction();
        AtomicBoolean cycling = new AtomicBoolean(true);
        AtomicInteger cycle = new AtomicInteger(users);
        out.printf("churning %d users for %d s (%.0f%% abrupt)%n", users, o.churn().duration().toSeconds(), abrupt * 100);
        try (Fleet fleet = new Fleet(o, users, true)) {
            fleet.listener(new ClientLoop.Listener() {
                @Override
                public void subscribed(Client c) {
                    c.loop.close(c, ThreadLocalRandom.current().nextDouble() >= abrupt);
                }

                @Override
                public void ended(Client c, boolean byUs) {
                    if (cycling.get()) {
                        c.loop.open(c, fleet.source(cycle.incrementAndGet()));
                    }
                }
            });
            long t0 = System.nanoTime();
            for (int i = 0; i < users; i++) {
                Client c = fleet.client(i);
                c.loop.open(c, fleet.source(i));
            }
            Sleep.millis(o.churn().duration().toMillis());
            cycling.set(false);
            long t1 = System.nanoTime();
            Tally t = fleet.tally;
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (t.opened.get() > t.closedByUs.get() + t.lost.get() + t.failures() && System.nanoTime() < deadline) {
                Sleep.millis(50);
            }
            LoopStats.Snapshot s = fleet.snapshot(false);

            // the server hears of the last closes a moment later; give it a few seconds
            double connectedAfter = Double.NaN;
            int occupiedAfter = -1;
            long settleEnd = System.nanoTime() + 10_000_000_000L;
            do {
                Sleep.millis(250);
                connectedAfter = probe.metric("sockudo_connected");
                occupiedAfter = api.occupied(prefix);
            } while ((connectedAfter > connectedBefore || occupiedAfter > occupiedBefore) && System.nanoTime() < settleEnd);
            int sockets1 = probe.openSockets();
            long[] tcp1 = ServerProbe.tcpStates(o.target().port());

            long seconds = t1 - t0;
            new Result("churn", o.label())
                    .put("users", users)
                    .put("seconds", seconds / 1e9, 1)
                    .put("opened", t.opened.get())
                    .put("connected", t.established.get())
                    .put("connects_per_s", Result.perSecond(t.established.get(), seconds), 0)
                    .put("subscribed", t.subscribed.get())
                    .put("cycles", t.closedByUs.get())
                    .put("failed", t.failures())
                    .put("failures", t.failureSummary())
                    .put("lost", t.lost.get())
                    .latency("connect", s.connectLatency())
                    .latency("subscribe", s.subscribeLatency())
                    .put("server_connected_before", connectedBefore, 0)
                    .put("server_connected_after", connectedAfter, 0)
                    .put("channels_before", occupiedBefore)
                    .put("channels_after", occupiedAfter)
                    .put("server_sockets_before", sockets0)
                    .put("server_sockets_after", sockets1)
                    .put("leaked_sockets", sockets0 < 0 || sockets1 < 0 ? -1 : sockets1 - sockets0)
                    .put("port_established_before", tcp0[0])
                    .put("port_established_after", tcp1[0])
                    .put("port_close_wait_after", tcp1[1])
                    .put("port_time_wait_after", tcp1[2])
                    .print(out);
            t.details().forEach((k, v) -> out.printf("  seen: %s x%d%n", k, v));
        }
    }
}
