package io.sockudo.testkit.services;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A redis-server of the test's own on a free loopback port, in a temporary directory, without
 * persistence. A test can crash it ({@link #kill()}, SIGKILL) and {@link #restart()} it on the
 * same port, empty, or freeze it ({@link #freeze()}, SIGSTOP: sockets open, nothing answered)
 * and {@link #thaw()} it.
 */
public final class RedisServer implements AutoCloseable {

    static final String INSTALL = "install the redis-server and redis-tools packages";

    private final ServiceProcess process;

    private RedisServer(ServiceProcess process) {
        this.process = process;
    }

    /** A standalone server on a free port. */
    public static RedisServer start() {
        return startOn(ServiceProcess.freePort());
    }

    /** On a given port, as for a server that comes up after its clients. */
    public static RedisServer startOn(int port) {
        return startOn(port, List.of());
    }

    /** With these extra arguments (cluster mode, ...); the working directory is its own. */
    static RedisServer startOn(int port, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no"));
        args.addAll(extra);
        return new RedisServer(ServiceProcess.start("redis-server", INSTALL, port, args));
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return process.port();
    }

    /** {@code 127.0.0.1:port}. */
    public String address() {
        return host() + ":" + port();
    }

    /** {@code redis://127.0.0.1:port}. */
    public String url() {
        return "redis://" + address();
    }

    /** SIGKILL, no shutdown. */
    public void kill() {
        process.kill();
    }

    /** Starts again on the same port and in the same directory (empty, unless it keeps a cluster nodes file there). */
    public void restart() {
        process.restart();
    }

    /** SIGSTOP. */
    public void freeze() {
        process.freeze();
    }

    /** SIGCONT. */
    public void thaw() {
        process.thaw();
    }

    Path directory() {
        return process.dir();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }
}
