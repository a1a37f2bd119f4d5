package io.sockudo.adapter.cluster.services;

import java.util.List;

/** A standalone redis-server on a free loopback port, without persistence. */
public final class RedisServer implements AutoCloseable {

    private final ServiceProcess process;

    private RedisServer(ServiceProcess process) {
        this.process = process;
    }

    public static RedisServer start() {
        return startOn(ServiceProcess.freePort());
    }

    /** On a given port, as for a server that comes up after its clients. */
    public static RedisServer startOn(int port) {
        return new RedisServer(ServiceProcess.start("redis-server", port, List.of(
                "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")));
    }

    public String url() {
        return "redis://127.0.0.1:" + process.port();
    }

    /** SIGSTOP. */
    public void freeze() {
        process.freeze();
    }

    /** SIGCONT. */
    public void thaw() {
        process.thaw();
    }

    /** SIGKILL. */
    public void kill() {
        process.kill();
    }

    /** Starts again on the same port, empty. */
    public void restart() {
        process.restart();
    }

    @Override
    public void close() {
        process.close();
    }
}
