package io.sockudo.bench.load;

import java.io.PrintStream;

/**
 * Subscribers only: connect and subscribe, print {@code READY}, and count what arrives while
 * another tool (wrk replaying pre-signed publishes) drives the server. Deliveries per second run
 * from the first arrival to the last.
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
        int n = o.connect().connections();
        try (Fleet fleet = new Fleet(o, n, true)) {
            Fleet.ConnectResult connect = fleet.connect(0, n, o.connect().rate(), o.connect().maxPending(), o.connect().timeout());
            LoopStats.Snapshot connected = fleet.snapshot(true);
            Result c = new Result("connect", o.label());
            connect.describe(c, fleet.tally, connected);
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
            Sleep.seconds(o.hold().toSeconds());
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
            fleet.tally.details().forEach((k, v) -> out.printf("  seen: %s x%d%n", k, v));
        }
    }
}
