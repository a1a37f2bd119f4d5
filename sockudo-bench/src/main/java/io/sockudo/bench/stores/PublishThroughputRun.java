package io.sockudo.bench.stores;

import io.sockudo.bench.load.KeepAliveHttp;
import io.sockudo.protocol.ApiSignature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * HTTP API publish throughput per app store, warm cache: one server per driver, all started
 * together, then loaded in turn, round after round, each for the same time, by a few keep-alive
 * connections that each send the next signed {@code POST /apps/{id}/events} as soon as the last
 * was answered. The channel has no subscribers, so what is measured is the API path itself:
 * parsing, the app lookup by key, the signature and the hand-off to the adapter.
 */
final class PublishThroughputRun {

    static final String BODY = "{\"name\":\"bench-event\",\"channels\":[\"bench-channel\"],\"data\":\"{\\\"n\\\":1}\"}";

    /** The longest a server's warm-up may take, whatever it has reached. */
    private static final long WARMUP_LIMIT_SECONDS = 120;

    /** What one stretch of load did. */
    private record Step(long requests, double seconds) {
        double perSecond() {
            return requests / seconds;
        }
    }

    private final int connections;
    private final int seconds;
    private final int warmupRequests;
    private final int rounds;

    /**
     * @param warmupRequests publishes each server answers before the rounds: a count rather than a
     *                       time, so that a busy machine still gets the JIT past its first tiers
     */
    PublishThroughputRun(int connections, int seconds, int warmupRequests, int rounds) {
        this.connections = connections;
        this.seconds = seconds;
        this.warmupRequests = warmupRequests;
        this.rounds = rounds;
    }

    RoundResults run(ServerUnderTest.Launch launch, List<String> drivers, PrintStream progress) throws Exception {
        BenchApp app = new BenchApp("publish-app", "publish-key", "publish-secret");
        List<AppStoreUnderTest> stores = new ArrayList<>();
        List<ServerUnderTest> servers = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        try {
            for (String driver : drivers) {
                AppStoreUnderTest store = AppStoreUnderTest.start(driver);
                stores.add(store);
                ServerUnderTest server = ServerUnderTest.start(launch, store, List.of(app), 600);
                servers.add(server);
                store.insert(List.of(app));
                progress.printf("%s: server on %d%n", driver, server.port());
            }
            for (ServerUnderTest s : servers) {
                long done = 0;
                long limit = System.nanoTime() + WARMUP_LIMIT_SECONDS * 1_000_000_000L;
                Step last = null;
                while (done < warmupRequests && System.nanoTime() < limit) {
                    last = load(threads, s.port(), app, 2);
                    done += last.requests();
                }
                progress.printf("warm-up %s: %d publishes, the last 2 s at %.0f/s%n", s.name(), done,
                        last == null ? 0 : last.perSecond());
            }
            long[] statementsBefore = new long[stores.size()];
            for (int i = 0; i < stores.size(); i++) {
                statementsBefore[i] = stores.get(i).statementsRun();
            }
            RoundResults results = new RoundResults(drivers.get(0));
            for (int r = 0; r < rounds; r++) {
                // each round starts with another driver, so none is always measured first after a pause
                for (int i = 0; i < servers.size(); i++) {
                    ServerUnderTest s = servers.get((r + i) % servers.size());
                    double rate = load(threads, s.port(), app, seconds).perSecond();
                    progress.printf("round %d %s: %.0f publishes/s%n", r + 1, s.name(), rate);
                    results.add(s.name(), rate);
                }
            }
            Thread.sleep(2000); // PostgreSQL's statistics lag behind by up to a second
            for (int i = 0; i < stores.size(); i++) {
                long after = stores.get(i).statementsRun();
                results.statements(drivers.get(i), after < 0 ? -1 : after - statementsBefore[i]);
            }
            return results;
        } finally {
            threads.shutdownNow();
            servers.forEach(ServerUnderTest::close);
            stores.forEach(AppStoreUnderTest::close);
        }
    }

    /** Publishes for {@code seconds} over the connections; every answer must be 200. */
    private Step load(ExecutorService threads, int port, BenchApp app, int seconds) throws Exception {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        String path = "/apps/" + app.id() + "/events";
        // one signature for the whole step: the server accepts a timestamp for 600 s and keeps no nonce
        String query = ApiSignature.signedQuery("POST", path, Map.of(), body, app.key(), app.secret(),
                System.currentTimeMillis() / 1000);
        byte[] request = KeepAliveHttp.post(path + "?" + query, body);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Future<Long>> counts = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            counts.add(threads.submit(() -> publishUntil(port, request, end)));
        }
        long total = 0;
        for (Future<Long> f : counts) {
            total += f.get();
        }
        return new Step(total, (System.nanoTime() - start) / 1e9);
    }

    private static long publishUntil(int port, byte[] request, long end) throws IOException {
        long n = 0;
        try (KeepAliveHttp http = new KeepAliveHttp(port)) {
            while (System.nanoTime() < end) {
                KeepAliveHttp.Response r = http.exchange(request);
                if (r.status() != 200) {
                    throw new IOException("publish answered " + r.status() + ": " + new String(r.body(), StandardCharsets.UTF_8));
                }
                n++;
            }
        }
        return n;
    }
}
