package io.sockudo.testkit.services;

import java.io.IOException;
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
 * {@link #start()} brings it back on the same port with the same data.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "sockudo";
    public static final String USER = "sockudo";
    public static final String PASSWORD = "pw";

    private static final String INSTALL = "install the postgresql package";

    private final Path dir;
    private final Path log;
    private final int port;
    private final Path bin;
    private final Path runuser;
    private Process process;

    private PostgresServer(Path dir, int port, Path bin, Path runuser) {
        this.dir = dir;
        this.log = dir.resolve("server.log");
        this.port = port;
        this.bin = bin;
        this.runuser = runuser;
    }

    public static PostgresServer create() throws IOException {
        Path bin = binDirectory();
        Path runuser = LocalProcess.binary("install util-linux", "runuser");
        Path dir = Files.createTempDirectory("sockudo-postgres-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        PostgresServer db = new PostgresServer(dir, LocalProcess.freePort(), bin, runuser);
        try {
            Files.createFile(db.log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")));
            db.asPostgres(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust",
                    "-U", "postgres", "--no-sync"), Duration.ofMinutes(2));
            db.start();
            db.asPostgres(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(db.port), "-U", "postgres",
                    "-v", "ON_ERROR_STOP=1",
                    "-c", "CREATE USER " + USER + " PASSWORD '" + PASSWORD + "'",
                    "-c", "CREATE DATABASE " + DATABASE + " OWNER " + USER), Duration.ofSeconds(30));
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The newest installed major version's bin directory. */
    private static Path binDirectory() throws IOException {
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
            }
        }
        return LocalProcess.binary(INSTALL, "initdb").getParent();
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void asPostgres(List<String> command, Duration timeout) {
        LocalProcess.run(Stream.concat(Stream.of(runuser.toString(), "-u", "postgres", "--"), command.stream()).toList(), log, timeout);
    }

    /** Starts the server on its port with its data; returns when it accepts connections. */
    public void start() {
        process = LocalProcess.start(List.of(runuser.toString(), "-u", "postgres", "--", bin.resolve("postgres").toString(),
                "-D", dir.resolve("data").toString(), "-p", String.valueOf(port), "-h", "127.0.0.1", "-k", dir.toString(),
                "-c", "fsync=off"), log);
        LocalProcess.awaitPort(process, port, Duration.ofSeconds(60), log);
    }

    /** Crashes the server and its backends: SIGKILL, no shutdown. */
    public void kill() {
        LocalProcess.kill(process);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /**
     * The URL for the PostgreSQL JDBC driver. Strings are sent untyped, so a test can insert JSON
     * text into a JSONB column as sockudo's tools would.
     */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?stringtype=unspecified";
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            LocalProcess.kill(process);
        }
        LocalProcess.deleteTree(dir);
    }
}
