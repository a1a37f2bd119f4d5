package io.sockudo.bench.stores;

import io.sockudo.testkit.services.ServiceProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The server jar in a process of its own, pinned to the server cores, configured for one app
 * store: metrics off (no fixed metrics port), rate limits off (they would cap the publish run),
 * everything else at its defaults. Ready once {@code GET /up} answers (it opens its store before it listens).
 */
final class ServerUnderTest implements AutoCloseable {

    private static final long READY_MILLIS = 60_000;

    /** Where and how the server processes run. */
    record Launch(Path serverJar, String cpus, List<String> jvmFlags) {
    }

    private final String name;
    private final Path dir;
    private final int port;
    private final Process process;

    private ServerUnderTest(String name, Path dir, int port, Process process) {
        this.name = name;
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    static ServerUnderTest start(Launch launch, AppStoreUnderTest store, List<BenchApp> configuredApps, int cacheTtlSeconds)
            throws IOException {
        int port = ServiceProcess.freePort();
        Path dir = Files.createTempDirectory("sockudo-bench-" + store.driver() + "-");
        Path config = dir.resolve("config.json");
        Files.writeString(config, config(port, store.configMembers(configuredApps, cacheTtlSeconds)));
        List<String> command = new ArrayList<>(List.of("taskset", "-c", launch.cpus(), "java"));
        command.addAll(launch.jvmFlags());
        command.addAll(List.of("-jar", launch.serverJar().toString(), "--config", config.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        ServerUnderTest server = new ServerUnderTest(store.driver(), dir, port, p);
        try {
            server.awaitUp();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    static String config(int port, String storeMembers) {
        return "{\n  \"host\": \"127.0.0.1\", \"port\": " + port + ", \"shutdown_grace_period\": 1,\n"
                + "  \"metrics\": {\"enabled\": false}, \"rate_limiter\": {\"enabled\": false},\n"
                + "  " + storeMembers + "\n}\n";
    }

    int port() {
        return port;
    }

    String name() {
        return name;
    }

    private void awaitUp() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_MILLIS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " server exited with " + process.exitValue() + ":\n" + log());
            }
            // any answer will do: /up is 503 until the database holds an app, and the apps go in after the start
            if (upStatus() > 0) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException(name + " server not up on " + port + " within " + READY_MILLIS + " ms:\n" + log());
    }

    /** The status of {@code GET /up}, or -1 while nothing answers. */
    private int upStatus() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write("GET /up HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return head.startsWith("HTTP/1.") && head.length() == 12 ? Integer.parseInt(head.substring(9, 12)) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, SIGKILL after 10 s; the scratch directory goes with it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a scratch directory left behind is harmless
        }
    }
}
