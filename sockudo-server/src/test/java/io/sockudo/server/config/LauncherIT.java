package io.sockudo.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.ToolRun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar, as an operator runs it: {@code java -jar sockudo-server.jar}. */
class LauncherIT {

    private static final String END = "\u0000end";

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    /** Every wait below has a deadline; whatever still runs after a test is killed with its children. */
    @AfterEach
    void killLeftovers() {
        started.forEach(ToolRun::kill);
    }

    @Test
    void servesAConfigFileAndStopsGracefullyOnSigtermWithinFiveSeconds() throws Exception {
        int port = freePort();
        Path config = Files.writeString(dir.resolve("sockudo.json"), """
                {
                  "activity_timeout": 30,
                  "instance": {"process_id": "launcher"},
                  "app_manager": {"array": {"apps": [{"id": "1", "key": "launcher-key", "secret": "s"}]}}
                }""");
        Launched server = launch(Map.of("PORT", String.valueOf(port)), "--config", config.toString());

        String listening = server.awaitLine("listening on");
        assertThat(listening).contains("INFO  io.sockudo.server.Main listening on 127.0.0.1:" + port + " with 1 app");
        assertThat(server.linesSoFar()).filteredOn(l -> l.contains("not supported yet"))
                .singleElement().asString().endsWith("not supported yet, ignored: instance");

        try (WsClient client = WsClient.established(port, "launcher-key")) {
            long sigterm = System.nanoTime();
            server.sigterm();

            assertThat(client.closeCode(5000)).as("clients are told to reconnect elsewhere").isEqualTo(4200);
            assertThat(server.process.waitFor(5, TimeUnit.SECONDS)).as("exited within 5 s of SIGTERM").isTrue();
            assertThat(System.nanoTime() - sigterm).isLessThan(TimeUnit.SECONDS.toNanos(5));
            assertThat(server.process.exitValue()).isEqualTo(143);
        }
        assertThat(server.allLines()).anyMatch(l -> l.contains("stopped in"));
    }

    @Test
    void readsConfigJsonFromTheWorkingDirectoryAndTheDefaultAppFromTheEnvironment() throws Exception {
        int port = freePort();
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/config.json"), "{\"port\": ${SOCKUDO_IT_PORT}}");
        Launched server = launch(Map.of("SOCKUDO_IT_PORT", String.valueOf(port),
                "SOCKUDO_DEFAULT_APP_ID", "env-app", "SOCKUDO_DEFAULT_APP_KEY", "env-key",
                "SOCKUDO_DEFAULT_APP_SECRET", "env-secret"));

        assertThat(server.awaitLine("listening on")).contains("127.0.0.1:" + port);
        try (WsClient client = WsClient.established(port, "env-key")) {
            assertThat(client.socketId()).isNotEmpty();
        }
        server.sigterm();
        assertThat(server.process.waitFor(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aBadConfigExitsWithStatus2AndOneLineWithoutStackTrace() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.json"), "{\"port\": \"abc\"}");
        Launched run = launch(Map.of(), "--config", config.toString());

        assertThat(run.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(run.process.exitValue()).isEqualTo(2);
        assertThat(run.allLines()).containsExactly(
                "sockudo: " + config + ": port: expected an integer from 0 to 65535, got \"abc\"");
    }

    @Test
    void anAdapterDriverThisServerDoesNotHaveStopsTheStartWithOneLine() throws Exception {
        Launched run = launch(Map.of("ADAPTER_DRIVER", "kafka"));

        assertThat(run.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(run.process.exitValue()).isEqualTo(2);
        assertThat(run.allLines()).filteredOn(l -> l.startsWith("sockudo: ")).singleElement().asString()
                .contains("ADAPTER_DRIVER").contains("kafka").contains("local, nats, redis, redis-cluster");
        assertThat(run.allLines()).noneMatch(l -> l.contains("listening on") || l.contains("\tat "));
    }

    @Test
    void aBadEnvironmentVariableExitsWithStatus2() throws Exception {
        Launched run = launch(Map.of("PORT", "abc"));

        assertThat(run.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(run.process.exitValue()).isEqualTo(2);
        assertThat(run.allLines()).filteredOn(l -> l.startsWith("sockudo: "))
                .containsExactly("sockudo: environment variable PORT: expected an integer from 0 to 65535, got \"abc\"");
        assertThat(run.allLines()).noneMatch(l -> l.contains("\tat ") || l.contains("Exception"));
    }

    @Test
    void helpPrintsUsageAndAnUnknownArgumentIsAnError() throws Exception {
        Launched help = launch(Map.of(), "--help");
        assertThat(help.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(help.process.exitValue()).isZero();
        assertThat(help.allLines()).first().asString().startsWith("usage: java -jar sockudo-server.jar");

        Launched wrong = launch(Map.of(), "--port", "1");
        assertThat(wrong.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(wrong.process.exitValue()).isEqualTo(2);
        assertThat(wrong.allLines()).first().isEqualTo("sockudo: unknown argument: --port");
    }

    @Test
    void aDriverItDoesNotHaveExitsWithStatus2AndOneLineNamingTheKey() throws Exception {
        Launched run = launch(Map.of("QUEUE_DRIVER", "sqs"));

        assertThat(run.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(run.process.exitValue()).isEqualTo(2);
        assertThat(run.allLines()).filteredOn(l -> l.startsWith("sockudo: ")).containsExactly(
                "sockudo: environment variable QUEUE_DRIVER \"sqs\" is not available in this server yet "
                        + "(available: memory, redis, redis-cluster); refusing to start without it");
        assertThat(run.allLines()).noneMatch(l -> l.contains("\tat ") || l.contains("Exception"));
    }

    @Test
    void printConfigPrintsTheEffectiveSettingsWithSecretsMaskedAndExits0() throws Exception {
        Path config = Files.writeString(dir.resolve("print.json"), """
                {"port": 7123, "app_manager": {"array": {"apps": [{"id": "1", "key": "print-key", "secret": "very-secret"}]}}}""");
        Launched run = launch(Map.of("PORT", "7124", "CLEANUP_BATCH_SIZE", "10"), "--config", config.toString(),
                "--print-config");

        assertThat(run.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(run.process.exitValue()).isZero();
        List<String> lines = run.allLines();
        String json = String.join("\n", lines.subList(lines.indexOf("{"), lines.lastIndexOf("}") + 1));
        Map<String, Object> printed = io.sockudo.testkit.JsonTree.object(json);
        assertThat(printed).containsEntry("port", 7124L);
        assertThat(io.sockudo.testkit.JsonTree.at(printed, "apps", 0, "key")).isEqualTo("print-key");
        assertThat(io.sockudo.testkit.JsonTree.at(printed, "apps", 0, "secret")).isEqualTo("***");
        assertThat(lines).noneMatch(l -> l.contains("very-secret")).noneMatch(l -> l.contains("listening on"));
        assertThat(lines).filteredOn(l -> l.contains("environment variables not supported yet"))
                .singleElement().asString().endsWith("environment variables not supported yet, ignored: CLEANUP_BATCH_SIZE");
    }

    @Test
    void sighupReloadsTheCertificateAndTheServerKeepsServing() throws Exception {
        int port = freePort();
        io.sockudo.server.testing.Certificates.Pair first = io.sockudo.server.testing.Certificates.rsa(dir, "first");
        io.sockudo.server.testing.Certificates.Pair second = io.sockudo.server.testing.Certificates.rsa(dir, "second");
        Path cert = Files.copy(first.cert(), dir.resolve("cert.pem"));
        Path key = Files.copy(first.pkcs8(), dir.resolve("key.pem"));
        Launched server = launch(Map.of("PORT", String.valueOf(port), "SSL_ENABLED", "true",
                "SSL_CERT_PATH", cert.toString(), "SSL_KEY_PATH", key.toString()));
        assertThat(server.awaitLine("listening on")).contains("127.0.0.1:" + port + " with 1 app (TLS)");

        Files.copy(second.cert(), cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(second.pkcs8(), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ToolRun.Result hup = ToolRun.run(new ProcessBuilder("kill", "-HUP", String.valueOf(server.process.pid())),
                java.time.Duration.ofSeconds(10));
        assertThat(hup.exitCode()).isZero();

        assertThat(server.awaitLine("TLS certificate reloaded")).contains("CN=second");
        assertThat(server.process.isAlive()).as("SIGHUP does not stop the server").isTrue();
        var https = java.net.http.HttpClient.newBuilder()
                .sslContext(io.sockudo.server.testing.Certificates.trusting(second.cert())).build();
        var up = https.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://127.0.0.1:" + port + "/up"))
                .timeout(java.time.Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(up.statusCode()).isEqualTo(200);
        server.sigterm();
        assertThat(server.process.waitFor(5, TimeUnit.SECONDS)).isTrue();
    }

    /** Runs the jar in {@link #dir}, on loopback, with only the given environment. */
    private Launched launch(Map<String, String> env, String... args) throws IOException {
        String jar = System.getProperty("sockudo.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new AssertionError("the launcher jar is missing (" + jar + "); these tests run in `mvn verify`, after package");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-jar", jar));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("HOST", "127.0.0.1");
        pb.environment().put("METRICS_HOST", "127.0.0.1");
        pb.environment().put("METRICS_PORT", String.valueOf(freePort()));
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return new Launched(p);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A started launcher and the lines it prints, read as they come. */
    private static final class Launched {
        final Process process;
        private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();

        Launched(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        pending.add(line);
                    }
                } catch (IOException ignored) {
                    // the process is gone
                } finally {
                    pending.add(END);
                }
            }, "launcher-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits up to 20 s (a cold JVM on a busy machine) for a line containing the text. */
        String awaitLine(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                String line = pending.poll(100, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                if (line.equals(END)) {
                    break;
                }
                seen.add(line);
                if (line.contains(text)) {
                    return line;
                }
            }
            throw new AssertionError("no line containing \"" + text + "\"; output so far: " + seen);
        }

        /**
         * SIGTERM, as {@link Process#destroy()} sends it, but through the process handle:
         * {@code Process.destroy()} also closes our end of the output pipe, which would lose
         * what the server prints while it stops.
         */
        void sigterm() {
            process.toHandle().destroy();
        }

        List<String> linesSoFar() {
            String line;
            while ((line = pending.poll()) != null) {
                if (line.equals(END)) {
                    pending.add(END);
                    break;
                }
                seen.add(line);
            }
            return List.copyOf(seen);
        }

        /** Every line, once the process has ended. */
        List<String> allLines() throws InterruptedException {
            String line;
            while ((line = pending.poll(10, TimeUnit.SECONDS)) != null && !line.equals(END)) {
                seen.add(line);
            }
            return List.copyOf(seen);
        }
    }
}
