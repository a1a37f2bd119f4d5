package io.sockudo.testkit.services;

import io.sockudo.testkit.ToolRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, run as the {@code postgres} user (it refuses root): a
 * fresh cluster in a temporary directory, a free loopback port, database {@code sockudo} owned by
 * user {@code sockudo}/{@code pw}. {@link #kill()} crashes it with every backend (SIGKILL);
 * {@link #restart()} brings it back on the same port with the same data.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "sockudo";
    public static final String USER = "sockudo";
    public static final String PASSWORD = "pw";

    private static final String INSTALL = "install the postgresql package";

    private final ServiceProcess process;
    private final Path bin;

    private PostgresServer(ServiceProcess process, Path bin) {
        this.process = process;
        this.bin = bin;
    }

    public static PostgresServer create() {
        Path bin = binDirectory();
        Path runuser = ServiceProcess.binary("install util-linux", "runuser");
        Path dir = ServiceProcess.newDirectory("postgres");
        Path log = dir.resolve("server.log");
        int port = ServiceProcess.freePort();
        ServiceProcess process = null;
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            asPostgres(runuser, List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust",
                    "-U", "postgres", "--no-sync"), log, Duration.ofMinutes(2));
            process = ServiceProcess.start("postgres", List.of(runuser.toString(), "-u", "postgres", "--",
                    bin.resolve("postgres").toString(), "-D", dir.resolve("data").toString(), "-p", String.valueOf(port),
                    "-h", "127.0.0.1", "-k", dir.toString(), "-c", "fsync=off"), dir, port, Duration.ofSeconds(60));
            awaitReady(bin, port);
            asPostgres(runuser, List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port),
                    "-U", "postgres", "-v", "ON_ERROR_STOP=1",
                    "-c", "CREATE USER " + USER + " PASSWORD '" + PASSWORD + "'",
                    "-c", "CREATE DATABASE " + DATABASE + " OWNER " + USER), log, Duration.ofSeconds(30));
            return new PostgresServer(process, bin);
        } catch (IOException e) {
            ServiceProcess.deleteTree(dir);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (process != null) {
                process.close();
            }
            ServiceProcess.deleteTree(dir);
            throw e;
        }
    }

    /** The newest installed major version's bin directory. */
    private static Path binDirectory() {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Path bin = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("postgres")) && Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparingInt(b -> version(b.getParent().getFileName().toString())))
                        .orElse(null);
                if (bin != null) {
                    return bin;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ServiceProcess.binary(INSTALL, "initdb").getParent();
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void asPostgres(Path runuser, List<String> command, Path log, Duration timeout) {
        ServiceProcess.run(Stream.concat(Stream.of(runuser.toString(), "-u", "postgres", "--"), command.stream()).toList(),
                log, timeout);
    }

    /** Starts the server again on its port with its data; returns when it accepts connections. */
    public void restart() {
        process.restart();
        awaitReady(bin, port());
    }

    /**
     * Waits until the server takes sessions: its port opens while it is still starting up, and a
     * client then is refused ("the database system is starting up").
     */
    private static void awaitReady(Path bin, int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            ToolRun.Result r = ToolRun.run(new ProcessBuilder(bin.resolve("pg_isready").toString(), "-h", "127.0.0.1",
                    "-p", String.valueOf(port)).redirectErrorStream(true), Duration.ofSeconds(10));
            if (r.exitCode() == 0) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("postgres on port " + port + " is not ready: " + r.tail());
            }
            ServiceProcess.pause(100);
        }
    }

    /** Crashes the server and its backends: SIGKILL, no shutdown. */
    public void kill() {
        process.kill();
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return process.port();
    }

    /**
     * The URL for the PostgreSQL JDBC driver. Strings are sent untyped, so a test can insert JSON
     * text into a JSONB column as sockudo's tools would.
     */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE + "?stringtype=unspecified";
    }

    @Override
    public void close() {
        process.close();
    }
}
