package io.sockudo.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Thousands of clients close at the same moment: connect and subscribe them, then send every
 * close frame at once and time until the server has answered them all, while a probe client's
 * ping round trips show how long the server's I/O threads were unavailable to everyone else.
 */
final class MassCloseRun {

    private final LoadOptions o;
    private final PrintStream out;

    MassCloseRun(LoadOptions o, PrintStream out) {
        this.o = o;
        this.out = out;
    }

    void run() {
        ServerProbe probe = new ServerProbe(o.probe());
        int n = o.connect().connections();
        AtomicLong ended = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong();
        try (Fleet fleet = new Fleet(o, n, true)) {
            fleet.listener(new ClientLoop.Listener() {
                @Override
                public void ended(Client c, boolean byUs) {
                    ended.incrementAndGet();
                    lastEnd.set(System.nanoTime());
                }
            });
            Fleet.ConnectResult connect = fleet.connect(0, n, o.connect().rate(), o.connect().maxPending(), o.connect().timeout());
            Result c = new Result("connect", o.label());
            connect.describe(c, fleet.tally, fleet.snapshot(true));
            c.print(out);
            Sleep.seconds(2);
            try (PingProbe ping = new PingProbe(o.target(), Duration.ofMillis(2))) {
                Sleep.seconds(2);
                Histogram before = ping.interval();
                // bare Undertow 2.4's WebSocket stops answering pings after about 300 of them, so
                // a server that is not answering now is reported without probe figures
                boolean answering = ping.answering(Duration.ofMillis(500));
                if (!answering) {
                    out.println("the server stopped answering the probe's pings before the closes: no probe figures");
                }
                long cpu0 = probe.cpuMicros();
                long t0 = System.nanoTime();
                ended.set(0);
                for (int i = 0; i < fleet.size(); i++) {
                    Client client = fleet.client(i);
                    client.loop.close(client, true);
                }
                long deadline = t0 + Duration.ofSeconds(60).toNanos();
                while (ended.get() < connect.reached() && System.nanoTime() < deadline) {
                    Sleep.millis(5);
                }
                long t1 = lastEnd.get() == 0 ? System.nanoTime() : lastEnd.get();
                Sleep.seconds(1);
                long cpu1 = probe.cpuMicros();
                Histogram during = ping.interval();
                double seconds = (t1 - t0) / 1e9;
                Result r = new Result("mass-close", o.label())
                        .put("connections", connect.reached())
                        .put("closed", ended.get())
                        .put("all_closed_s", seconds, 3)
                        .put("closes_per_s", ended.get() / Math.max(seconds, 1e-9), 0)
                        .put("probe_rtt_p99_before_ms", answering ? before.getValueAtPercentile(99) / 1000.0 : Double.NaN, 2)
                        .put("probe_rtt_max_before_ms", answering ? before.getMaxValue() / 1000.0 : Double.NaN, 2)
                        .put("probe_rtt_p99_during_ms", answering ? during.getValueAtPercentile(99) / 1000.0 : Double.NaN, 2)
                        .put("probe_rtt_max_during_ms", answering ? during.getMaxValue() / 1000.0 : Double.NaN, 2)
                        .put("server_cpu_ms", cpu0 < 0 ? Double.NaN : (cpu1 - cpu0) / 1000.0, 0);
                if (probe.hasMetrics()) {
                    r.put("server_connections_after", (long) probe.metric("sockudo_connected"));
                }
                r.print(out);
            }
        }
    }
}
