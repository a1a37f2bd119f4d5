package io.sockudo.bench.load;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Subscribers only: connect and subscribe, print {@code READY}, and count what arrives while
 * another tool (wrk replaying pre-signed publishes, or {@code --mode publish} on another node of
 * a cluster) drives the server. Deliveries per second run from the first arrival to the last.
 *
 * <p>The hold ends after {@code --hold-seconds}, or once the {@code --until-file} exists and no
 * delivery has arrived for {@code --drain-seconds}: a script running one holder per node creates
 * the file when its publisher is done, and each holder takes what is still on its way.
 * With a server process to probe, its memory is read (after a full collection) before the
 * clients connect and once they are all subscribed.
 */
final class HoldRun {

    static final String READY = "READY";

    private final LoadOptions o;
    private final PrintStream out;

    HoldRun(LoadOptions o, PrintStream out) {
        this.o = o;
        this.out = out;
    }

    void run() {
        ServerProbe probe = new ServerProbe(o.probe());
        if (o.warmupConnections() > 0) {
            IdleRun.warmUp(o, out, o.warmupConnections());
        }
        ServerProbe.Memory before = probe.memoryAfterGc();
        int n = o.connect().connections();
        try (Fleet fleet = new Fleet(o, n, true)) {
            Fleet.ConnectResult connect = fleet.connect(0, n, o.connect().rate(), o.connect().maxPending(), o.connect().timeout());
            LoopStats.Snapshot connected = fleet.snapshot(true);
            Result c = new Result("connect", o.label());
            connect.describe(c, fleet.tally, connected);
            if (probe.hasProcess()) {
                ServerProbe.Memory after = probe.memoryAfterGc();
                long held = fleet.tally.subscribed.get() - fleet.tally.lost.get();
                c.put("rss_before_mb", Result.mb(before.rssKb()), 1)
                        .put("rss_after_mb", Result.mb(after.rssKb()), 1)
                        .put("heap_before_mb", Result.mb(before.heapUsedKb()), 1)
                        .put("heap_after_mb", Result.mb(after.heapUsedKb()), 1)
                        .put("rss_per_conn_kb", IdleRun.perConnection(before.rssKb(), after.rssKb(), held), 2)
                        .put("heap_per_conn_kb", IdleRun.perConnection(before.heapUsedKb(), after.heapUsedKb(), held), 2);
            }
            c.print(out);
            int[] perChannel = fleet.subscribedPerChannel(o.subscribe().channels());
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int k : perChannel) {
                min = Math.min(min, k);
                max = Math.max(max, k);
            }
            long cpu0 = probe.cpuMicros();
            long t0 = System.nanoTime();
            out.println(READY);
            out.flush();
            awaitEnd(fleet, t0);
            LoopStats.Snapshot s = fleet.snapshot(true);
            long t1 = System.nanoTime();
            long cpu1 = probe.cpuMicros();
            long received = s.deliveriesTotal();
            long window = s.lastDeliveryNanos() - s.firstDeliveryNanos();
            new Result("hold", o.label())
                    .put("subscribers", connect.reached())
                    .put("channels", o.subscribe().channels())
                    .put("subscribers_per_channel_min", min)
                    .put("subscribers_per_channel_max", max)
                    .put("received", received)
                    .put("active_s", window / 1e9, 2)
                    .put("deliveries_per_s", Result.perSecond(received, window), 0)
                    .latency("latency", s.deliveryLatency())
                    .put("server_cpu_pct", cpu0 < 0 ? Double.NaN : (cpu1 - cpu0) * 100.0 / ((t1 - t0) / 1000.0), 0)
                    .put("lost", fleet.tally.lost.get())
                    .print(out);
            if (o.window().histogramFile() != null) {
                LatencyMerge.write(s.deliveryLatency(), Path.of(o.window().histogramFile()));
            }
            fleet.tally.details().forEach((k, v) -> out.printf("  seen: %s x%d%n", k, v));
        }
    }

    /** Until the hold seconds have passed, or the until-file exists and deliveries have drained. */
    private void awaitEnd(Fleet fleet, long start) {
        long end = start + o.hold().toNanos();
        Path until = o.window().untilFile() == null ? null : Path.of(o.window().untilFile());
        long quiet = o.publish().drain().toNanos();
        long lastCount = -1;
        long lastChange = System.nanoTime();
        for (long now = lastChange; now < end; now = System.nanoTime()) {
            if (until != null && Files.exists(until)) {
                long count = fleet.progress()[0];
                if (count != lastCount) {
                    lastCount = count;
                    lastChange = now;
                } else if (now - lastChange >= quiet) {
                    return;
                }
            }
            Sleep.millis(until == null ? 200 : 50);
        }
    }
}
