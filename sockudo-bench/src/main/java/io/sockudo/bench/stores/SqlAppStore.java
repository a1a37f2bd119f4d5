package io.sockudo.bench.stores;

import io.sockudo.testkit.services.MariaDbServer;
import io.sockudo.testkit.services.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code mysql} against a MariaDB server, or {@code postgres} against a PostgreSQL server, each
 * started in a temporary directory; apps are inserted as rows of sockudo's {@code applications}
 * table, which the server creates when it starts.
 */
final class SqlAppStore implements AppStoreUnderTest {

    private final String driver;
    private final int port;
    private final String jdbcUrl;
    private final String keyColumn;
    private final String statementCount;
    private final AutoCloseable server;

    private SqlAppStore(String driver, int port, String jdbcUrl, String keyColumn, String statementCount, AutoCloseable server) {
        this.driver = driver;
        this.port = port;
        this.jdbcUrl = jdbcUrl;
        this.keyColumn = keyColumn;
        this.statementCount = statementCount;
        this.server = server;
    }

    static SqlAppStore mariaDb() throws Exception {
        MariaDbServer db = MariaDbServer.create();
        // SELECTs sent as text and as prepared statements, by every client since the start
        return new SqlAppStore("mysql", db.port(), db.jdbcUrl(), "`key`",
                "SELECT SUM(VARIABLE_VALUE) FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN ('COM_SELECT', 'COM_STMT_EXECUTE')", db);
    }

    static SqlAppStore postgres() throws Exception {
        PostgresServer db = PostgresServer.create();
        // every statement outside a transaction block is a transaction; the statistics lag by up to a second
        return new SqlAppStore("postgres", db.port(), db.jdbcUrl(), "\"key\"",
                "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()", db);
    }

    @Override
    public long statementsRun() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, MariaDbServer.USER, MariaDbServer.PASSWORD);
             java.sql.Statement q = c.createStatement();
             java.sql.ResultSet r = q.executeQuery(statementCount)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Override
    public String driver() {
        return driver;
    }

    @Override
    public String configMembers(List<BenchApp> apps, int cacheTtlSeconds) {
        return "\"app_manager\": {\"driver\": \"" + driver + "\", \"cache\": {\"enabled\": true, \"ttl\": " + cacheTtlSeconds + "}},\n"
                + "  \"database\": {\"" + driver + "\": {\"host\": \"127.0.0.1\", \"port\": " + port
                + ", \"username\": \"sockudo\", \"password\": \"pw\", \"database\": \"sockudo\"}}";
    }

    @Override
    public void insert(List<BenchApp> apps) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, MariaDbServer.USER, MariaDbServer.PASSWORD);
             PreparedStatement q = c.prepareStatement("INSERT INTO applications (id, " + keyColumn + ", secret, enabled, "
                     + "max_connections, max_client_events_per_second, max_backend_events_per_second, "
                     + "max_read_requests_per_second) VALUES (?, ?, ?, TRUE, 0, 0, 0, 0)")) {
            for (BenchApp a : apps) {
                q.setString(1, a.id());
                q.setString(2, a.key());
                q.setString(3, a.secret());
                q.addBatch();
            }
            q.executeBatch();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the " + driver + " database", e);
        }
    }
}
