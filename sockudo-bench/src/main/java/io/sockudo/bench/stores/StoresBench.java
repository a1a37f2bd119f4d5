package io.sockudo.bench.stores;

import io.sockudo.bench.load.Args;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The app-store and webhook-queue figures: {@code --run connect} (connect latency, cold and warm
 * app cache, per app-manager driver), {@code --run publish} (HTTP API publish throughput of the
 * database drivers against the memory one, warm cache) and {@code --run webhooks} (webhook queue
 * throughput, memory and Redis). Starts every database, server and receiver it needs on free
 * loopback ports and stops them. Results as Markdown tables on stdout, progress on stderr.
 */
public final class StoresBench {

    private StoresBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String run = args.string("run", "");
        ServerUnderTest.Launch launch = new ServerUnderTest.Launch(Path.of(args.string("server-jar", "sockudo-server/target/sockudo-server.jar")),
                args.string("server-cpus", "0"), Arrays.asList(args.string("server-jvm", "-XX:+UseSerialGC -Xms64m -Xmx1g").trim().split("\\s+")));
        // a stopped run (the script's time limit, Ctrl-C) takes down the servers and databases it started
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        PrintStream out = System.out;
        PrintStream progress = System.err;
        switch (run) {
            case "connect" -> {
                List<String> drivers = List.of(args.string("drivers", "memory,mysql,postgres,dynamodb").split(","));
                ConnectLatencyRun connect = new ConnectLatencyRun(args.integer("apps", 300, 1, 10_000),
                        args.integer("warm-passes", 3, 1, 100), args.integer("jit-warmup", 2_000, 0, 100_000));
                args.requireAllUsed();
                checkJar(launch);
                out.println(loadAverage("at start"));
                out.println();
                out.println("| driver | cache " + Latencies.header());
                out.println("|---|---|---:|---:|---:|---:|---:|---:|");
                for (String driver : drivers) {
                    ConnectLatencyRun.Result r = connect.run(launch, driver.trim(), progress);
                    out.println("| " + r.driver() + " | cold " + Latencies.cells(r.cold()));
                    out.println("| " + r.driver() + " | warm " + Latencies.cells(r.warm()));
                }
            }
            case "publish" -> {
                List<String> drivers = List.of(args.string("drivers", "memory,mysql,postgres").split(","));
                PublishThroughputRun publish = new PublishThroughputRun(args.integer("connections", 4, 1, 64),
                        args.integer("seconds", 5, 1, 60), args.integer("warmup-requests", 60_000, 0, 10_000_000),
                        args.integer("rounds", 7, 1, 20));
                args.requireAllUsed();
                checkJar(launch);
                out.println(loadAverage("at start"));
                RoundResults results = publish.run(launch, drivers, progress);
                out.println(loadAverage("at end"));
                out.println();
                out.println(publishTable(results));
            }
            case "webhooks" -> {
                WebhookThroughputRun hooks = new WebhookThroughputRun(args.integer("events", 10_000, 1, 1_000_000),
                        args.integer("endpoints", 10, 1, 1_000));
                args.requireAllUsed();
                out.println(loadAverage("at start"));
                List<WebhookThroughputRun.Result> results = hooks.run(progress);
                out.println(loadAverage("at end"));
                out.println();
                out.println("| queue | batching | endpoints | events | enqueued events/s | delivered events/s | requests | requests/s |");
                out.println("|---|---|---:|---:|---:|---:|---:|---:|");
                for (WebhookThroughputRun.Result r : results) {
                    out.printf(Locale.ROOT, "| %s | %s | %d | %,d | %,.0f | %,.0f | %,d | %,.0f |%n", r.queue(), r.batching(), r.endpoints(), r.events(),
                            r.enqueuedPerSecond(), r.deliveredEventsPerSecond(), r.requests(), r.requestsPerSecond());
                }
            }
            default -> throw new IllegalArgumentException("--run connect, publish or webhooks");
        }
    }

    /** Per driver: each round's publishes/s, the median, and the median of the rounds' ratios to the first driver. */
    static String publishTable(RoundResults results) {
        StringBuilder t = new StringBuilder("| driver | publishes/s per round | median | ratio to " + results.drivers().get(0)
                + " per round | median ratio | database statements during the rounds |\n|---|---|---:|---|---:|---:|\n");
        for (String d : results.drivers()) {
            long statements = results.statements(d);
            t.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %s | **%.3f** | %s |%n", d,
                    join(results.rounds(d), "%,.0f"), RoundResults.median(results.rounds(d)),
                    join(results.ratios(d), "%.3f"), results.medianRatio(d), statements < 0 ? "–" : String.format(Locale.ROOT, "%,d", statements)));
        }
        return t.toString();
    }

    private static String join(List<Double> values, String format) {
        return String.join(" / ", values.stream().map(v -> String.format(Locale.ROOT, format, v)).toList());
    }

    private static void checkJar(ServerUnderTest.Launch launch) {
        if (!Files.isRegularFile(launch.serverJar())) {
            throw new IllegalArgumentException("no server jar at " + launch.serverJar() + " (mvn -B -q -pl sockudo-server,sockudo-bench -am package -DskipTests)");
        }
    }

    private static String loadAverage(String when) throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return "load average " + when + ": " + parts[0] + " " + parts[1] + " " + parts[2];
    }
}
