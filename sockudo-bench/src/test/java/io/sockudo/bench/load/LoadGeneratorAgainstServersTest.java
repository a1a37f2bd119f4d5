package io.sockudo.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.EngineOptions;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.delta.DeltaSettings;
import io.sockudo.bench.baseline.BaselineServer;
import io.sockudo.server.SockudoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator against real servers on loopback, at toy sizes: what it counts must add up.
 * These check the kit, not the server's speed; no figure of speed is asserted here.
 */
class LoadGeneratorAgainstServersTest {

    private static final App APP = App.builder("app-id", "app-key", "app-secret").maxPresenceMembersPerChannel(100).build();

    @Test
    void everyPublishReachesEverySubscriberOfThePusherServer() {
        try (SockudoServer server = sockudo(EngineOptions.defaults())) {
            Map<String, String> step = only(run(o -> new FanoutRun(o, out(o)).run(), "--mode", "fanout", "--port", port(server),
                    "--connections", "40", "--channels", "4", "--channel-type", "private", "--rates", "20",
                    "--step-seconds", "1", "--drain-seconds", "10"), "fanout");
            assertThat(step.get("failed")).isNull();
            assertThat(Long.parseLong(step.get("published"))).isPositive();
            assertThat(Long.parseLong(step.get("expected"))).isEqualTo(Long.parseLong(step.get("published")) * 10);
            assertThat(step.get("received")).isEqualTo(step.get("expected"));
            assertThat(step.get("latency_p99_ms")).isNotEqualTo("n/a");
        }
    }

    @Test
    void theBaselineDeliversEveryPublishToEverySocket() {
        try (BaselineServer server = BaselineServer.start("127.0.0.1", 0, 2, 128)) {
            List<Map<String, String>> results = run(o -> new FanoutRun(o, out(o)).run(), "--mode", "fanout", "--server", "baseline",
                    "--port", Integer.toString(server.port()), "--connections", "30", "--rates", "20", "--step-seconds", "1",
                    "--drain-seconds", "10");
            assertThat(only(results, "connect").get("connected")).isEqualTo("30");
            Map<String, String> step = only(results, "fanout");
            assertThat(step.get("received")).isEqualTo(step.get("expected"));
            assertThat(Long.parseLong(step.get("expected"))).isEqualTo(Long.parseLong(step.get("published")) * 30);
        }
    }

    @Test
    void idleConnectionsAllConnectAndStay() {
        try (SockudoServer server = sockudo(EngineOptions.defaults())) {
            Map<String, String> idle = only(run(o -> new IdleRun(o, out(o)).run(), "--mode", "idle", "--port", port(server),
                    "--connections", "50", "--channels", "5", "--sources", "2", "--hold-seconds", "1"), "idle");
            assertThat(idle.get("connected")).isEqualTo("50");
            assertThat(idle.get("failed")).isEqualTo("0");
            assertThat(idle.get("lost")).isEqualTo("0");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (server.connections().connectionCount() > 0 && System.nanoTime() < deadline) {
                Sleep.millis(20);
            }
            assertThat(server.connections().connectionCount()).as("connections left once the generator is done").isZero();
        }
    }

    @Test
    void afterChurnTheServerHoldsNoConnectionsAndNoChannels() {
        try (SockudoServer server = SockudoServer.builder().host("127.0.0.1").port(0).metrics("127.0.0.1", 0).app(APP).start()) {
            Map<String, String> churn = only(run(o -> new ChurnRun(o, out(o)).run(), "--mode", "churn", "--port", port(server),
                    "--metrics-port", Integer.toString(server.metricsPort()), "--users", "10", "--churn-seconds", "1",
                    "--channels", "3", "--channel-type", "presence", "--sources", "2"), "churn");
            assertThat(Long.parseLong(churn.get("cycles"))).isPositive();
            assertThat(churn.get("failed")).isEqualTo("0");
            assertThat(churn.get("server_connected_after")).isEqualTo("0");
            assertThat(churn.get("channels_after")).isEqualTo("0");
        }
    }

    /**
     * The member events expected follow from what each member saw on joining: with 20 members,
     * 190 in all. Whether the server delivered all of them is what the run measures
     * ({@code member_added}, {@code views_complete}), so it is reported, not asserted, here.
     */
    @Test
    void presenceMembersJoinAndTheExpectedMemberEventsFollowFromTheirRosters() {
        try (SockudoServer server = sockudo(EngineOptions.defaults())) {
            List<Map<String, String>> results = run(o -> new PresenceRun(o, out(o)).run(), "--mode", "presence",
                    "--port", port(server), "--connections", "20", "--join-rate", "100", "--drain-seconds", "2",
                    "--connect-timeout", "10");
            Map<String, String> join = only(results, "presence-join");
            assertThat(join.get("members")).isEqualTo("20");
            assertThat(join.get("failed")).isEqualTo("0");
            assertThat(join.get("member_added_expected")).isEqualTo("190");
            assertThat(Long.parseLong(join.get("member_added"))).isPositive().isLessThanOrEqualTo(190);
            assertThat(Long.parseLong(join.get("views_complete"))).isLessThanOrEqualTo(20);
            Map<String, String> leave = only(results, "presence-leave");
            assertThat(Long.parseLong(leave.get("member_removed"))).isPositive().isLessThanOrEqualTo(190);
        }
    }

    @Test
    void deltaSubscribersReceiveDeltaFramesAndCountThem() {
        EngineOptions delta = EngineOptions.builder().delta(DeltaSettings.defaults().withConflationKeyPath("sym")).build();
        try (SockudoServer server = sockudo(delta)) {
            Map<String, String> step = only(run(o -> new FanoutRun(o, out(o)).run(), "--mode", "fanout", "--port", port(server),
                    "--connections", "20", "--delta-fraction", "0.5", "--symbols", "3", "--payload-bytes", "400",
                    "--rates", "30", "--step-seconds", "1", "--drain-seconds", "10"), "fanout");
            assertThat(step.get("received")).isEqualTo(step.get("expected"));
            assertThat(step.get("plain_deliveries")).isEqualTo(step.get("delta_deliveries"));
            assertThat(Long.parseLong(step.get("delta_frames"))).isPositive();
            assertThat(Double.parseDouble(step.get("delta_bytes_ratio"))).isLessThan(1.0);
        }
    }

    @Test
    void theWrkScriptReplaysSignedRequestsTheServerAccepts() throws Exception {
        try (SockudoServer server = sockudo(EngineOptions.defaults())) {
            java.nio.file.Path lua = java.nio.file.Files.createTempFile("publish", ".lua");
            try {
                LoadOptions o = LoadOptions.parse(new String[] {"--mode", "wrk-script", "--port", port(server),
                        "--channels", "5", "--wrk-requests", "3", "--wrk-script", lua.toString()});
                WrkScript.write(o, lua);
                String script = java.nio.file.Files.readString(lua);
                assertThat(script).contains("paths[3]").doesNotContain("paths[4]").contains("WRK_RESULT");
                // replay the first request as wrk would
                String path = between(script, "paths[1] = [[", "]]");
                String body = between(script, "bodies[1] = [[", "]]");
                var http = java.net.http.HttpClient.newHttpClient();
                var response = http.send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + server.port() + path))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            } finally {
                java.nio.file.Files.deleteIfExists(lua);
            }
        }
    }

    /**
     * A cluster run's shape on one server: holders in one process, the publisher in another
     * mode; what the holders receive is what the publisher got accepted times the subscribers,
     * and the latencies they leave in files add up to their deliveries.
     */
    @Test
    void heldSubscribersReceiveWhatASeparatePublisherGetsAcceptedAndEndOnTheirFile(@TempDir java.nio.file.Path dir)
            throws Exception {
        try (SockudoServer server = sockudo(EngineOptions.defaults())) {
            java.nio.file.Path stop = dir.resolve("stop");
            java.nio.file.Path hist = dir.resolve("hold.hist");
            ByteArrayOutputStream holdOut = new ByteArrayOutputStream();
            LoadOptions hold = LoadOptions.parse(new String[] {"--mode", "hold", "--port", port(server),
                    "--connections", "30", "--channels", "3", "--sources", "2", "--source-offset", "3",
                    "--hold-seconds", "50", "--drain-seconds", "2", "--until-file", stop.toString(), "--histogram-out", hist.toString(),
                    "--max-seconds", "60"});
            Thread holder = new Thread(() -> new HoldRun(hold, new PrintStream(holdOut, true, StandardCharsets.UTF_8)).run());
            holder.start();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (!holdOut.toString(StandardCharsets.UTF_8).contains(HoldRun.READY) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(holdOut.toString(StandardCharsets.UTF_8)).contains(HoldRun.READY);

            Map<String, String> published = only(run(o -> new PublishRun(o, out(o)).run(), "--mode", "publish",
                    "--port", port(server), "--channels", "3", "--rates", "30", "--step-seconds", "1", "--drain-seconds", "10"),
                    "publish");
            long accepted = Long.parseLong(published.get("published"));
            assertThat(accepted).isPositive();
            long expected = accepted * 10;
            // the holder drains what is still on its way, then ends
            java.nio.file.Files.createFile(stop);
            holder.join(java.util.concurrent.TimeUnit.SECONDS.toMillis(30));
            assertThat(holder.isAlive()).isFalse();
            System.out.println(holdOut.toString(StandardCharsets.UTF_8));

            Map<String, String> held = only(parse(holdOut.toString(StandardCharsets.UTF_8)), "hold");
            assertThat(held.get("subscribers")).isEqualTo("30");
            assertThat(held.get("subscribers_per_channel_min")).isEqualTo("10");
            assertThat(Long.parseLong(held.get("received"))).isEqualTo(expected);
            assertThat(LatencyMerge.read(hist).getTotalCount()).isEqualTo(expected);
        }
    }

    // ---- helpers

    private static SockudoServer sockudo(EngineOptions engine) {
        return SockudoServer.builder().host("127.0.0.1").port(0).engine(engine).app(APP).start();
    }

    private static String port(SockudoServer server) {
        return Integer.toString(server.port());
    }

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private PrintStream out(LoadOptions o) {
        return new PrintStream(captured, true, StandardCharsets.UTF_8);
    }

    /** Runs a generator mode and returns its RESULT lines as maps. */
    private List<Map<String, String>> run(Consumer<LoadOptions> mode, String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--max-seconds";
        all[args.length + 1] = "60";
        mode.accept(LoadOptions.parse(all));
        // the run's own report, in the test's output file
        System.out.println(captured.toString(StandardCharsets.UTF_8));
        return parse(captured.toString(StandardCharsets.UTF_8));
    }

    /** The RESULT lines of a run's output, as maps. */
    private static List<Map<String, String>> parse(String output) {
        List<Map<String, String>> results = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("RESULT ")) {
                Map<String, String> kv = new LinkedHashMap<>();
                for (String pair : line.substring(7).split(" ")) {
                    int eq = pair.indexOf('=');
                    kv.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                results.add(kv);
            }
        }
        return results;
    }

    private static Map<String, String> only(List<Map<String, String>> results, String scenario) {
        List<Map<String, String>> matching = results.stream().filter(r -> scenario.equals(r.get("scenario"))).toList();
        assertThat(matching).as("RESULT lines of " + scenario + " in " + results).hasSize(1);
        return matching.get(0);
    }

    private static String between(String s, String start, String end) {
        int a = s.indexOf(start) + start.length();
        return s.substring(a, s.indexOf(end, a));
    }
}
