package io.sockudo.testkit.services;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A MariaDB server of the test's own: a fresh data directory in a temporary directory, a free
 * loopback port, database {@code sockudo} and user {@code sockudo}/{@code pw}. {@link #kill()}
 * crashes it (SIGKILL); {@link #restart()} brings it back on the same port with the same data.
 */
public final class MariaDbServer implements AutoCloseable {

    public static final String DATABASE = "sockudo";
    public static final String USER = "sockudo";
    public static final String PASSWORD = "pw";

    private static final String INSTALL = "install the mariadb-server package";

    private final ServiceProcess process;

    private MariaDbServer(ServiceProcess process) {
        this.process = process;
    }

    /** Initialises a data directory, starts the server and creates the database and user. */
    public static MariaDbServer create() {
        Path install = ServiceProcess.binary(INSTALL, "mariadb-install-db", "mysql_install_db");
        Path server = ServiceProcess.binary(INSTALL, "mariadbd", "mysqld");
        Path client = ServiceProcess.binary(INSTALL, "mariadb", "mysql");
        Path dir = ServiceProcess.newDirectory("mariadb");
        Path log = dir.resolve("server.log");
        int port = ServiceProcess.freePort();
        ServiceProcess process = null;
        try {
            ServiceProcess.run(List.of(install.toString(), "--no-defaults", "--user=root", "--datadir=" + dir.resolve("data"),
                    "--auth-root-authentication-method=socket", "--skip-test-db"), log, Duration.ofMinutes(2));
            process = ServiceProcess.start("mariadbd", List.of(server.toString(), "--no-defaults", "--user=root",
                    "--datadir=" + dir.resolve("data"), "--port=" + port, "--bind-address=127.0.0.1",
                    "--socket=" + dir.resolve("mysqld.sock"), "--pid-file=" + dir.resolve("pid"), "--skip-log-bin",
                    "--skip-name-resolve", "--innodb-buffer-pool-size=16M", "--performance-schema=OFF"),
                    dir, port, Duration.ofSeconds(60));
            String users = "CREATE DATABASE " + DATABASE + ";"
                    + "CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "';"
                    + "CREATE USER '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "';"
                    + "GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'%';"
                    + "GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'localhost';";
            ServiceProcess.run(List.of(client.toString(), "--no-defaults", "-uroot", "--socket=" + dir.resolve("mysqld.sock"),
                    "-e", users), log, Duration.ofSeconds(30));
            return new MariaDbServer(process);
        } catch (RuntimeException e) {
            if (process != null) {
                process.close();
            }
            ServiceProcess.deleteTree(dir);
            throw e;
        }
    }

    /** Starts the server again on its port with its data; returns when it accepts connections. */
    public void restart() {
        process.restart();
    }

    /** Crashes the server: SIGKILL, no shutdown. */
    public void kill() {
        process.kill();
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return process.port();
    }

    /** The URL for the MariaDB JDBC driver, as user {@link #USER}. */
    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port() + "/" + DATABASE;
    }

    @Override
    public void close() {
        process.close();
    }
}
