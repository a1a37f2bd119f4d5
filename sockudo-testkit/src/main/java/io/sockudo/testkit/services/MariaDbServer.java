package io.sockudo.testkit.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A MariaDB server of the test's own: a fresh data directory in a temporary directory, a free
 * loopback port, database {@code sockudo} and user {@code sockudo}/{@code pw}. {@link #kill()}
 * crashes it (SIGKILL); {@link #start()} brings it back on the same port with the same data.
 */
public final class MariaDbServer implements AutoCloseable {

    public static final String DATABASE = "sockudo";
    public static final String USER = "sockudo";
    public static final String PASSWORD = "pw";

    private static final String INSTALL = "install the mariadb-server package";

    private final Path dir;
    private final Path log;
    private final int port;
    private final Path server;
    private Process process;

    private MariaDbServer(Path dir, int port, Path server) {
        this.dir = dir;
        this.log = dir.resolve("server.log");
        this.port = port;
        this.server = server;
    }

    /** Initialises a data directory, starts the server and creates the database and user. */
    public static MariaDbServer create() throws IOException {
        Path install = LocalProcess.binary(INSTALL, "mariadb-install-db", "mysql_install_db");
        Path server = LocalProcess.binary(INSTALL, "mariadbd", "mysqld");
        Path client = LocalProcess.binary(INSTALL, "mariadb", "mysql");
        Path dir = Files.createTempDirectory("sockudo-mariadb-");
        MariaDbServer db = new MariaDbServer(dir, LocalProcess.freePort(), server);
        try {
            LocalProcess.run(List.of(install.toString(), "--no-defaults", "--user=root", "--datadir=" + dir.resolve("data"),
                    "--auth-root-authentication-method=socket", "--skip-test-db"), db.log, Duration.ofMinutes(2));
            db.start();
            String users = "CREATE DATABASE " + DATABASE + ";"
                    + "CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "';"
                    + "CREATE USER '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "';"
                    + "GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'%';"
                    + "GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'localhost';";
            LocalProcess.run(List.of(client.toString(), "--no-defaults", "-uroot", "--socket=" + dir.resolve("mysqld.sock"),
                    "-e", users), db.log, Duration.ofSeconds(30));
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Starts the server on its port with its data; returns when it accepts connections. */
    public void start() {
        process = LocalProcess.start(List.of(server.toString(), "--no-defaults", "--user=root",
                "--datadir=" + dir.resolve("data"), "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("mysqld.sock"), "--pid-file=" + dir.resolve("pid"), "--skip-log-bin",
                "--skip-name-resolve", "--innodb-buffer-pool-size=16M", "--performance-schema=OFF"), log);
        LocalProcess.awaitPort(process, port, Duration.ofSeconds(60), log);
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

    /** The URL for the MariaDB JDBC driver, as user {@link #USER}. */
    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            LocalProcess.kill(process);
        }
        LocalProcess.deleteTree(dir);
    }
}
