package io.sockudo.server.testing;

import io.sockudo.testkit.Poll;
import io.sockudo.testkit.ToolRun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The launcher jar running as a process of its own, on a free loopback port, serving the test
 * app: a node that can be killed with SIGKILL as a crashing machine would be. Runs in
 * {@code mvn verify}, after the jar is packaged.
 */
public final class LaunchedNode implements AutoCloseable {

    private final Process process;
    private final int port;
    private final List<String> lines = new ArrayList<>();

    private LaunchedNode(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "launched-node-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the jar with the given environment over the test app's, and waits until it listens. */
    public static LaunchedNode start(Map<String, String> env) throws IOException {
        String jar = System.getProperty("sockudo.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new AssertionError("the launcher jar is missing (" + jar + "); this test runs in `mvn verify`, after package");
        }
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-jar", jar).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(Map.of(
                "HOST", "127.0.0.1",
                "PORT", String.valueOf(port),
                "METRICS_ENABLED", "false",
                "SOCKUDO_DEFAULT_APP_ID", TestServer.APP_ID,
                "SOCKUDO_DEFAULT_APP_KEY", TestServer.KEY,
                "SOCKUDO_DEFAULT_APP_SECRET", TestServer.SECRET));
        pb.environment().putAll(env);
        LaunchedNode node = new LaunchedNode(pb.start(), port);
        try {
            Poll.until("the launched node listens", Duration.ofSeconds(30), () -> node.printed("listening on"));
        } catch (AssertionError e) {
            node.close();
            throw new AssertionError(e.getMessage() + "; output: " + node.output(), e);
        }
        return node;
    }

    public int port() {
        return port;
    }

    public HttpApiClient api() {
        return new HttpApiClient(port, TestServer.APP_ID, TestServer.KEY, TestServer.SECRET);
    }

    /** SIGKILL: the node ends without a word to anyone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public boolean printed(String text) {
        synchronized (lines) {
            return lines.stream().anyMatch(l -> l.contains(text));
        }
    }

    public List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        ToolRun.kill(process);
    }
}
