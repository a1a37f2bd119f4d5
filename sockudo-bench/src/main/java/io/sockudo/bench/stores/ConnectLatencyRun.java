package io.sockudo.bench.stores;

import io.sockudo.testkit.ws.RawWebSocket;
import java.io.PrintStream;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Connect latency per app store: the time from opening a TCP connection to
 * {@code /app/{key}} to reading {@code pusher:connection_established}, one connection at a
 * time. Cold: the first connection of each app, which the app cache does not hold yet, so the
 * server asks the store. Warm: later connections of the same apps, answered from the cache. The
 * connect path is warmed up (JIT) on an app of its own first, so that "cold" means a cold cache,
 * not a cold JVM.
 */
final class ConnectLatencyRun {

    /** Everything one driver's run measured. */
    record Result(String driver, Histogram cold, Histogram warm) {
    }

    private final int apps;
    private final int warmPasses;
    private final int jitWarmup;

    ConnectLatencyRun(int apps, int warmPasses, int jitWarmup) {
        this.apps = apps;
        this.warmPasses = warmPasses;
        this.jitWarmup = jitWarmup;
    }

    Result run(ServerUnderTest.Launch launch, String driver, PrintStream progress) throws Exception {
        BenchApp warmer = new BenchApp("warmup", "warmup-key", "warmup-secret");
        List<BenchApp> measured = BenchApp.numbered("connect", apps);
        List<BenchApp> all = java.util.stream.Stream.concat(java.util.stream.Stream.of(warmer), measured.stream()).toList();
        try (AppStoreUnderTest store = AppStoreUnderTest.start(driver);
             ServerUnderTest server = ServerUnderTest.start(launch, store, all, 600)) {
            store.insert(all);
            progress.printf("%s: server on %d, %d apps stored; %d JIT warm-up connects%n", driver, server.port(), all.size(), jitWarmup);
            Histogram ignored = new Histogram(3);
            for (int i = 0; i < jitWarmup; i++) {
                connect(server.port(), warmer.key(), ignored);
            }
            Histogram cold = new Histogram(3);
            for (BenchApp a : measured) {
                connect(server.port(), a.key(), cold);
            }
            Histogram warm = new Histogram(3);
            for (int pass = 0; pass < warmPasses; pass++) {
                for (BenchApp a : measured) {
                    connect(server.port(), a.key(), warm);
                }
            }
            return new Result(driver, cold, warm);
        }
    }

    /** One connection, timed in microseconds up to {@code connection_established}, then closed. */
    private static void connect(int port, String key, Histogram into) {
        long start = System.nanoTime();
        RawWebSocket ws = RawWebSocket.established(port, key);
        into.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
        ws.close();
    }
}
