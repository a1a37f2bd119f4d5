package io.sockudo.testkit.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A redis-server of the test's own on a free loopback port, in a temporary directory, without
 * persistence. {@link #kill()} crashes it (SIGKILL); {@link #start()} brings it back on the same
 * port, empty.
 */
public final class RedisServer implements AutoCloseable {

    static final String INSTALL = "install the redis-server and redis-tools packages";

    private final Path dir;
    private final Path log;
    private final int port;
    private final Path server;
    private final List<String> extra;
    private Process process;

    private RedisServer(Path dir, int port, Path server, List<String> extra) {
        this.dir = dir;
        this.log = dir.resolve("server.log");
        this.port = port;
        this.server = server;
        this.extra = extra;
    }

    /** Starts a standalone server. */
    public static RedisServer create() throws IOException {
        return create(List.of());
    }

    /** Starts a server with these extra arguments (cluster mode, ...), its working directory its own. */
    static RedisServer create(List<String> extra) throws IOException {
        Path server = LocalProcess.binary(INSTALL, "redis-server");
        Path dir = Files.createTempDirectory("sockudo-redis-");
        RedisServer redis = new RedisServer(dir, LocalProcess.freePort(), server, extra);
        try {
            redis.start();
            return redis;
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    /** Starts the server on its port; returns when it accepts connections. */
    public void start() {
        List<String> command = new ArrayList<>(List.of(server.toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        command.addAll(extra);
        process = LocalProcess.start(command, log);
        LocalProcess.awaitPort(process, port, Duration.ofSeconds(20), log);
    }

    /** Crashes the server: SIGKILL, no shutdown. */
    public void kill() {
        LocalProcess.kill(process);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:port}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    Path directory() {
        return dir;
    }

    Path logFile() {
        return log;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            LocalProcess.kill(process);
        }
        LocalProcess.deleteTree(dir);
    }
}
