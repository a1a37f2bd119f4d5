package io.sockudo.server.stores;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.testkit.services.MariaDbServer;
import io.sockudo.testkit.services.PostgresServer;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * MariaDB ({@code mysql}) or PostgreSQL ({@code postgres}) with sockudo's {@code applications}
 * table, which the server creates; the test writes rows over JDBC.
 */
final class SqlAppDatabase implements AppDatabase {

    private final String driver;
    private final int port;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    /** The {@code key} column, quoted as the database wants it. */
    private final String keyColumn;
    /** The database process: SIGKILL, start again, stop for good (the two servers' starters share no type). */
    private final Runnable kill;
    private final Runnable start;
    private final Runnable close;

    private SqlAppDatabase(String driver, int port, String jdbcUrl, String user, String password, String keyColumn,
                           Runnable kill, Runnable start, Runnable close) {
        this.driver = driver;
        this.port = port;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.keyColumn = keyColumn;
        this.kill = kill;
        this.start = start;
        this.close = close;
    }

    static SqlAppDatabase mariaDb() throws IOException {
        MariaDbServer db = MariaDbServer.create();
        return new SqlAppDatabase("mysql", db.port(), db.jdbcUrl(), MariaDbServer.USER, MariaDbServer.PASSWORD, "`key`",
                db::kill, db::restart, db::close);
    }

    static SqlAppDatabase postgres() throws IOException {
        PostgresServer db = PostgresServer.create();
        return new SqlAppDatabase("postgres", db.port(), db.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD, "\"key\"",
                db::kill, db::restart, db::close);
    }

    @Override
    public String driver() {
        return driver;
    }

    @Override
    public String configSection(int connectionTimeoutMillis, int queryTimeoutMillis) {
        return """
                "%s": {"host": "127.0.0.1", "port": %d, "username": "%s", "password": "%s", "database": "sockudo",
                       "connection_timeout_ms": %d, "query_timeout_ms": %d}"""
                .formatted(driver, port, user, password, connectionTimeoutMillis, queryTimeoutMillis);
    }

    @Override
    public void insert(String id, String key, String secret) throws SQLException {
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement("INSERT INTO applications (id, "
                + keyColumn + ", secret, max_connections, max_client_events_per_second) VALUES (?, ?, ?, 0, 0)")) {
            q.setString(1, id);
            q.setString(2, key);
            q.setString(3, secret);
            q.executeUpdate();
        }
    }

    @Override
    public void setEnabled(String id, boolean enabled) throws SQLException {
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement("UPDATE applications SET enabled = ? WHERE id = ?")) {
            q.setBoolean(1, enabled);
            q.setString(2, id);
            assertThat(q.executeUpdate()).isEqualTo(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    @Override
    public void crash() {
        kill.run();
    }

    @Override
    public void restart() {
        start.run();
    }

    @Override
    public void close() {
        close.run();
    }

    @Override
    public String toString() {
        return driver;
    }
}
