package io.sockudo.testkit.services;

import java.util.List;

/** A nats-server on a free loopback port. */
public final class NatsServer implements AutoCloseable {

    private final ServiceProcess process;

    private NatsServer(ServiceProcess process) {
        this.process = process;
    }

    public static NatsServer start() {
        return startOn(ServiceProcess.freePort());
    }

    /** On a given port, as for a server that comes up after its clients. */
    public static NatsServer startOn(int port) {
        return new NatsServer(ServiceProcess.start("nats-server", "install the nats-server package", port,
                List.of("-a", "127.0.0.1", "-p", String.valueOf(port))));
    }

    public String url() {
        return "nats://127.0.0.1:" + process.port();
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

    /** Starts again on the same port. */
    public void restart() {
        process.restart();
    }

    @Override
    public void close() {
        process.close();
    }
}
