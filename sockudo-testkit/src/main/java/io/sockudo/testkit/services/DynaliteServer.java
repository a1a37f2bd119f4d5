package io.sockudo.testkit.services;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A DynamoDB endpoint of the test's own: dynalite (from the Node test tools) on a free loopback
 * port, its tables in a temporary directory so that they outlive a crash. {@link #kill()}
 * crashes it (SIGKILL); {@link #start()} brings it back on the same port with the same tables.
 */
public final class DynaliteServer implements AutoCloseable {

    private final Path dir;
    private final Path log;
    private final int port;
    private final Path cli;
    private Process process;

    private DynaliteServer(Path dir, int port, Path cli) {
        this.dir = dir;
        this.log = dir.resolve("server.log");
        this.port = port;
        this.cli = cli;
    }

    public static DynaliteServer create() throws IOException {
        Path cli = locate();
        Path dir = Files.createTempDirectory("sockudo-dynalite-");
        DynaliteServer db = new DynaliteServer(dir, LocalProcess.freePort(), cli);
        try {
            db.start();
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
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

    public void start() {
        LocalProcess.binary("install Node.js", "node");
        process = LocalProcess.start(List.of(cli.toString(), "--port", String.valueOf(port), "--host", "127.0.0.1",
                "--path", dir.resolve("data").toString(), "--createTableMs", "50", "--deleteTableMs", "50",
                "--updateTableMs", "50"), log);
        LocalProcess.awaitPort(process, port, Duration.ofSeconds(30), log);
    }

    public void kill() {
        LocalProcess.kill(process);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            LocalProcess.kill(process);
        }
        LocalProcess.deleteTree(dir);
    }
}
