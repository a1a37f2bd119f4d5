package io.sockudo.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.TestServer;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Randomized hostile input for a bounded time: WebSocket sessions with arbitrary frames and
 * Pusher messages, and arbitrary HTTP API requests. After each batch the server must still serve
 * a well-behaved client, its open files must be back to where they started, and its heap after a
 * collection too. The test command runs a fixed seed, so that it fails only on a change; a run
 * with {@code -Dsockudo.fuzz.seed=random} draws a new seed (a local hunt for new failures), and
 * every run prints its seed: {@code -Dsockudo.fuzz.seed=<seed>} replays it. Seeds that once found
 * a failure stay in the test command's run as regression cases, each named after what it found
 * (the failure itself also has a test of its own). Each part runs 12 s per seed
 * ({@code -Dsockudo.fuzz.seconds}); {@code -Dsockudo.fuzz.verbose=true} lists the requests that got no
 * answer, which broken encodings and bodies cut short rightly do not).
 */
class HostileFuzzTest {

    /** The seed of the test command's run; any other is for hunting. */
    private static final long DEFAULT_SEED = 20261207L;
    /**
     * HTTP seeds that found a failure, with what it was: each runs in the test command too.
     * See {@code RequestBodyTest} for the failure on its own.
     */
    private static final Map<Long, String> HTTP_REGRESSIONS = Map.of(
            1611197839762655762L, "a second Host header and a chunked trailer with a non-ASCII name");

    private static final int MAX_BODY = 64 * 1024;
    private static final int BODY_TIMEOUT_MILLIS = 1000;
    private static final long SECONDS = Long.getLong("sockudo.fuzz.seconds", 12);
    private static final int BATCH = 40;
    private static final long HEAP_SLACK = 24L * 1024 * 1024;

    private static SockudoServer server;
    private static ServerHealth health;
    private static int filesAtStart;
    private static long heapAtStart;

    @BeforeAll
    static void start() {
        server = TestServer.start(b -> b.app(TestServer.app().build()).maxHttpBodyBytes(MAX_BODY)
                .httpBodyTimeout(Duration.ofMillis(BODY_TIMEOUT_MILLIS)));
        health = new ServerHealth(server.port());
        health.assertServes("before fuzzing");
        health.assertServes("before fuzzing");
        filesAtStart = ServerHealth.openFiles();
        heapAtStart = ServerHealth.heapAfterGc();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static long seed() {
        String given = System.getProperty("sockudo.fuzz.seed", String.valueOf(DEFAULT_SEED));
        return given.equals("random") ? new Random().nextLong() : Long.parseLong(given);
    }

    private static void announce(String part, long seed) {
        System.out.println(part + " fuzzing with -Dsockudo.fuzz.seed=" + seed);
    }

    /** The run's seed, and unless one was given, the regression seeds after it. */
    static Stream<Named<Long>> httpSeeds() {
        Stream<Named<Long>> run = Stream.of(Named.of("run's seed", seed()));
        if (System.getProperty("sockudo.fuzz.seed") != null) {
            return run;
        }
        return Stream.concat(run, HTTP_REGRESSIONS.entrySet().stream()
                .map(e -> Named.of("seed " + e.getKey() + ": " + e.getValue(), e.getKey())));
    }

    @Test
    void arbitraryFramesAndPusherMessages() {
        long seed = seed();
        announce("WebSocket", seed);
        Random random = new Random(seed);
        FrameFuzzer fuzzer = new FrameFuzzer(random, server.port());
        long end = System.nanoTime() + SECONDS * 1_000_000_000L;
        int sessions = 0;
        int batch = 0;
        try (PrintedOutput output = PrintedOutput.capture()) {
            while (System.nanoTime() < end) {
                batch++;
                for (int i = 0; i < BATCH && System.nanoTime() < end; i++, sessions++) {
                    run(seed, batch, i, fuzzer::session);
                }
                healthy(seed, batch);
            }
            String printed = output.printed();
            if (!printed.isEmpty()) {
                System.out.println("printed while fuzzing WebSocket input (seed " + seed + "):\n" + printed);
            }
        }
        System.out.println(sessions + " WebSocket sessions in " + batch + " batches");
        assertThat(sessions).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpSeeds")
    void arbitraryHttpRequests(long seed) {
        announce("HTTP", seed);
        Random random = new Random(seed);
        RequestFuzzer fuzzer = new RequestFuzzer(random, server.port(), MAX_BODY);
        Map<Integer, Integer> statuses = new TreeMap<>();
        long end = System.nanoTime() + SECONDS * 1_000_000_000L;
        int batch = 0;
        try (PrintedOutput output = PrintedOutput.capture()) {
            while (System.nanoTime() < end) {
                batch++;
                for (int i = 0; i < BATCH && System.nanoTime() < end; i++) {
                    run(seed, batch, i, () -> statuses.merge(fuzzer.request(), 1, Integer::sum));
                }
                healthy(seed, batch);
                assertThat(output.printed()).as("printed while fuzzing HTTP requests, seed %d, batch %d", seed, batch).isEmpty();
            }
        }
        System.out.println("HTTP answers by status (-1: none before close or timeout): " + statuses);
        assertThat(statuses.keySet()).as("seed %d: some requests were answered", seed).anyMatch(s -> s > 0);
    }

    @FunctionalInterface
    private interface Input {
        void send() throws Exception;
    }

    private static void run(long seed, int batch, int index, Input input) {
        try {
            input.send();
        } catch (Throwable e) {
            throw new AssertionError("seed " + seed + ", batch " + batch + ", input " + index + ": " + e.getMessage(), e);
        }
    }

    /** The checks after each batch; slow bodies the batch left behind get their deadline first. */
    private static void healthy(long seed, int batch) {
        String context = "seed " + seed + ", after batch " + batch;
        health.assertServes(context);
        ServerHealth.awaitOpenFiles(filesAtStart, 4, BODY_TIMEOUT_MILLIS + 5000, context);
        ServerHealth.awaitHeap(heapAtStart, HEAP_SLACK, 5000, context);
    }
}
