package io.sockudo.testkit.services;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A DynamoDB endpoint of the test's own: dynalite (from the Node test tools) on a free loopback
 * port, its tables in a temporary directory so that they outlive a crash. {@link #kill()}
 * crashes it (SIGKILL); {@link #restart()} brings it back on the same port with the same tables.
 */
public final class DynaliteServer implements AutoCloseable {

    private final ServiceProcess process;

    private DynaliteServer(ServiceProcess process) {
        this.process = process;
    }

    public static DynaliteServer create() {
        Path cli = locate();
        ServiceProcess.binary("install Node.js", "node");
        Path dir = ServiceProcess.newDirectory("dynalite");
        int port = ServiceProcess.freePort();
        return new DynaliteServer(ServiceProcess.start("dynalite", List.of(cli.toString(), "--port", String.valueOf(port),
                "--host", "127.0.0.1", "--path", dir.resolve("data").toString(), "--createTableMs", "50",
                "--deleteTableMs", "50", "--updateTableMs", "50"), dir, port, Duration.ofSeconds(30)));
    }

    /** tests/node/node_modules/.bin/dynalite of the repository this module is in. */
    private static Path locate() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path cli = d.resolve("tests/node/node_modules/.bin/dynalite");
            if (Files.isExecutable(cli)) {
                return cli;
            }
            if (Files.isDirectory(d.resolve("tests/node"))) {
                break;
            }
        }
        throw new IllegalStateException("cannot find dynalite: run npm ci --prefix tests/node");
    }

    /** Starts again on the same port with the same tables. */
    public void restart() {
        process.restart();
    }

    public void kill() {
        process.kill();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + process.port());
    }

    @Override
    public void close() {
        process.close();
    }
}
