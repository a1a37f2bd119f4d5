package io.sockudo.bench.load;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Fan-out: subscribe N clients over C channels, then publish at each rate in turn and count
 * what arrives. Each step reports deliveries expected (accepted publishes times the channel's
 * subscribers) against received, deliveries per second up to the last arrival, end-to-end
 * latency, and the CPU the server and the generator used. With a delta share, bytes on the wire
 * per delivery are reported for plain and delta clients side by side.
 */
final class FanoutRun {

    private final LoadOptions o;
    private final PrintStream out;

    FanoutRun(LoadOptions o, PrintStream out) {
        this.o = o;
        this.out = out;
    }

    void run() {
        ServerProbe probe = new ServerProbe(o.probe());
        int n = o.connect().connections();
        int channels = o.subscribe().channels();
        try (Fleet fleet = new Fleet(o, n, true)) {
            Fleet.ConnectResult connect = fleet.connect(0, n, o.connect().rate(), o.connect().maxPending(), o.connect().timeout());
            LoopStats.Snapshot connected = fleet.snapshot(true);
            Result c = new Result("connect", o.label());
            connect.describe(c, fleet.tally, connected);
            c.put("server_rss_mb", Result.mb(probe.rssKb()), 1).put("server_heap_used_mb", Result.mb(probe.heapUsedKb()), 1);
            c.print(out);
            int[] subscribers = fleet.subscribedPerChannel(channels);
            String[] names = new String[channels];
            for (int i = 0; i < channels; i++) {
                names[i] = o.subscribe().channel(i);
            }
            Payloads payloads = new Payloads(o.publish().payloadBytes(), o.publish().symbols());
            try (Publisher publisher = new Publisher(o.target(), payloads, names, subscribers, o.publish().randomChannel(),
                    o.publish().maxInFlight())) {
                if (!o.publish().warmup().isZero()) {
                    int rate = o.publish().rates().get(0);
                    out.printf("warming up: %d/s for %d s (not reported)%n", rate, o.publish().warmup().toSeconds());
                    LoopStats.Snapshot before = fleet.snapshot(true);
                    Publisher.Step w = publisher.run(rate, o.publish().warmup(), o.publish().drain());
                    awaitDeliveries(fleet, before.deliveriesTotal() + w.expectedDeliveries(), o.publish().drain());
                }
                for (int rate : o.publish().rates()) {
                    step(fleet, probe, publisher, rate, connect.reached()).print(out);
                }
            }
            fleet.tally.details().forEach((k, v) -> out.printf("  seen: %s x%d%n", k, v));
        }
    }

    private Result step(Fleet fleet, ServerProbe probe, Publisher publisher, int rate, long subscribed) {
        out.printf("publishing %d/s for %d s to %d subscribers%n", rate, o.publish().step().toSeconds(), subscribed);
        LoopStats.Snapshot s0 = fleet.snapshot(true);
        long lost0 = fleet.tally.lost.get();
        long cpu0 = probe.cpuMicros();
        long gen0 = generatorCpuNanos();
        long t0 = System.nanoTime();
        Publisher.Step step = publisher.run(rate, o.publish().step(), o.publish().drain());
        awaitDeliveries(fleet, s0.deliveriesTotal() + step.expectedDeliveries(), o.publish().drain());
        LoopStats.Snapshot s1 = fleet.snapshot(true);
        long t1 = System.nanoTime();
        long cpu1 = probe.cpuMicros();
        long gen1 = generatorCpuNanos();

        long received = s1.deliveriesTotal() - s0.deliveriesTotal();
        long window = s1.lastDeliveryNanos() == 0 ? t1 - t0 : s1.lastDeliveryNanos() - t0;
        Result r = new Result(o.mode() == LoadOptions.Mode.FANOUT ? "fanout" : o.mode().name().toLowerCase(java.util.Locale.ROOT),
                o.label())
                .put("rate", rate)
                .put("subscribers", subscribed)
                .put("channels", o.subscribe().channels())
                .put("published", step.accepted())
                .put("publish_per_s", Result.perSecond(step.accepted(), step.elapsed().toNanos()), 0)
                .put("rejected", step.rejected() + step.errors())
                .put("skipped", step.skipped())
                .put("expected", step.expectedDeliveries())
                .put("received", received)
                .put("received_ratio", step.expectedDeliveries() == 0 ? Double.NaN : received / (double) step.expectedDeliveries(), 4)
                .put("offered_per_s", Result.perSecond(step.expectedDeliveries(), step.elapsed().toNanos()), 0)
                .put("deliveries_per_s", Result.perSecond(received, window), 0)
                .latency("latency", s1.deliveryLatency())
                .latency("publish", step.requestLatency())
                .put("server_cpu_pct", cpu0 < 0 ? Double.NaN : (cpu1 - cpu0) * 100.0 / ((t1 - t0) / 1000.0), 0)
                .put("server_cpu_us_per_delivery", cpu0 < 0 || received == 0 ? Double.NaN : (cpu1 - cpu0) / (double) received, 2)
                .put("generator_cpu_pct", (gen1 - gen0) * 100.0 / (t1 - t0), 0)
                .put("lost", fleet.tally.lost.get() - lost0)
                .put("server_rss_mb", Result.mb(probe.rssKb()), 1);
        long bytes = s1.wireBytes()[0] + s1.wireBytes()[1] - s0.wireBytes()[0] - s0.wireBytes()[1];
        r.put("wire_bytes_per_delivery", received == 0 ? Double.NaN : bytes / (double) received, 1);
        if (o.subscribe().deltaFraction() > 0) {
            groups(r, s0, s1);
        }
        step.problems().forEach((k, v) -> out.printf("  publish problem: %s x%d%n", k, v));
        return r;
    }

    /** Bytes on the wire per delivery for plain and delta clients, and their ratio. */
    private static void groups(Result r, LoopStats.Snapshot s0, LoopStats.Snapshot s1) {
        double[] perDelivery = new double[2];
        for (int g = 0; g < 2; g++) {
            long d = s1.deliveries()[g] - s0.deliveries()[g];
            long bytes = s1.wireBytes()[g] - s0.wireBytes()[g];
            perDelivery[g] = d == 0 ? Double.NaN : bytes / (double) d;
            String name = g == 0 ? "plain" : "delta";
            r.put(name + "_deliveries", d).put(name + "_wire_bytes", bytes).put(name + "_bytes_per_delivery", perDelivery[g], 1);
            if (g == 1) {
                r.put("delta_frames", s1.deltaFrames()[1] - s0.deltaFrames()[1]);
            }
        }
        r.put("delta_bytes_ratio", perDelivery[1] / perDelivery[0], 3);
    }

    static void awaitDeliveries(Fleet fleet, long target, Duration drain) {
        long deadline = System.nanoTime() + drain.toNanos();
        while (fleet.progress()[0] < target && System.nanoTime() < deadline) {
            Sleep.millis(20);
        }
    }

    static long generatorCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
}
