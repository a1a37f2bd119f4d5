package io.sockudo.bench.load;

import java.io.PrintStream;

/**
 * Idle capacity: open and subscribe N connections, hold them, and read what they cost the
 * server. Memory per connection is (RSS with N connections - RSS with none) / N, both after a
 * full collection, and the same for heap in use.
 */
final class IdleRun {

    private final LoadOptions o;
    private final PrintStream out;

    IdleRun(LoadOptions o, PrintStream out) {
        this.o = o;
        this.out = out;
    }

    void run() {
        ServerProbe probe = new ServerProbe(o.probe());
        if (o.warmupConnections() > 0) {
            warmUp(o, out, o.warmupConnections());
        }
        ServerProbe.Memory before = probe.memoryAfterGc();
        int sockets0 = probe.openSockets();
        int n = o.connect().connections();
        out.printf("connecting %d clients to %s:%d (%d source addresses, %d selector threads)%n", n,
                o.target().host(), o.target().port(), o.connect().sources().size(), o.connect().loops());
        try (Fleet fleet = new Fleet(o, n, true)) {
            Fleet.ConnectResult connect = fleet.connect(0, n, o.connect().rate(), o.connect().maxPending(), o.connect().timeout());
            out.printf("connected %d of %d in %.1f s; holding %d s%n", connect.reached(), n,
                    connect.elapsed().toMillis() / 1000.0, o.hold().toSeconds());
            Sleep.seconds(o.hold().toSeconds());
            ServerProbe.Memory after = probe.memoryAfterGc();
            int sockets1 = probe.openSockets();
            LoopStats.Snapshot s = fleet.snapshot(false);

            Result r = new Result("idle", o.label());
            connect.describe(r, fleet.tally, s);
            long held = fleet.tally.subscribed.get() - fleet.tally.lost.get();
            r.put("lost", fleet.tally.lost.get())
                    .put("server_sockets", sockets1 < 0 ? -1 : sockets1 - sockets0)
                    .put("rss_before_mb", Result.mb(before.rssKb()), 1)
                    .put("rss_after_mb", Result.mb(after.rssKb()), 1)
                    .put("heap_before_mb", Result.mb(before.heapUsedKb()), 1)
                    .put("heap_after_mb", Result.mb(after.heapUsedKb()), 1)
                    .put("rss_per_conn_kb", perConnection(before.rssKb(), after.rssKb(), held), 2)
                    .put("heap_per_conn_kb", perConnection(before.heapUsedKb(), after.heapUsedKb(), held), 2)
                    .put("generator_heap_mb", usedHeapMb(), 1);
            r.print(out);
            fleet.tally.details().forEach((k, v) -> out.printf("  seen: %s x%d%n", k, v));
        }
    }

    /**
     * Connects and closes a batch first, so that the memory baseline already holds what the
     * first connections cost once (classes loaded, code compiled, pools grown) and the
     * difference is what connections cost each.
     */
    static void warmUp(LoadOptions o, PrintStream out, int count) {
        out.printf("warming up: %d connections opened and closed before the memory baseline%n", count);
        try (Fleet warm = new Fleet(o, count, true)) {
            warm.connect(0, count, o.connect().rate(), o.connect().maxPending(), o.connect().timeout());
        }
        Sleep.seconds(2);
    }

    static double perConnection(long beforeKb, long afterKb, long connections) {
        if (beforeKb < 0 || afterKb < 0 || connections <= 0) {
            return Double.NaN;
        }
        return (afterKb - beforeKb) / (double) connections;
    }

    static double usedHeapMb() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
    }
}
