package io.sockudo.store.app.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.AppManager;
import io.sockudo.adapter.health.Health;
import io.sockudo.store.app.stored.AppStoreException;
import io.sockudo.store.app.stored.MalformedAppException;
import io.sockudo.store.app.stored.MalformedAppLog;
import io.sockudo.store.app.stored.StoreCalls;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Apps in sockudo's {@code applications} table, in MySQL/MariaDB or PostgreSQL
 * ({@code app_manager.driver} {@code mysql}, {@code pgsql}/{@code postgres}/{@code postgresql}).
 *
 * <p>Connections are pooled (HikariCP). Lookups run on the store's own threads, one per pooled
 * connection, and every one completes within {@link SqlAppStoreSettings#lookupBound()}: with
 * the app, with null when there is none, or with an {@link AppStoreException} when the database
 * cannot answer. A row that cannot be read is logged once and treated as no app. When the
 * database comes back the pool reconnects by itself; nothing needs restarting.
 *
 * <p>Every lookup asks the database: put a cache in front (CachingAppManager).
 */
public final class SqlAppManager implements AppManager, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SqlAppManager.class.getName());

    private final SqlAppStoreSettings settings;
    private final HikariDataSource pool;
    private final StoreCalls calls;
    private final MalformedAppLog malformed = new MalformedAppLog();
    private final String byKey;
    private final String byId;
    private final String everyApp;

    private SqlAppManager(SqlAppStoreSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
        this.calls = new StoreCalls(settings.dialect().label(), settings.poolMax(), 1024, settings.lookupBound());
        this.byKey = AppTable.selectStatement(settings.dialect(), settings.tableName(), "key");
        this.byId = AppTable.selectStatement(settings.dialect(), settings.tableName(), "id");
        this.everyApp = AppTable.selectStatement(settings.dialect(), settings.tableName(), null);
    }

    /**
     * Connects, then creates the table or adds the columns it lacks. Blocks: call it at startup.
     *
     * @throws AppStoreException when the database cannot be reached within the connection
     *                           timeout or the table cannot be brought up to date
     */
    public static SqlAppManager open(SqlAppStoreSettings settings) {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig(settings));
        } catch (RuntimeException e) {
            throw new AppStoreException("cannot connect to the app database " + settings + ": " + rootMessage(e), e);
        }
        try (Connection c = pool.getConnection()) {
            List<String> added = AppTable.ensure(c, settings.dialect(), settings.tableName());
            LOG.log(System.Logger.Level.INFO, "app store {0} ready{1}", settings,
                    added.isEmpty() ? "" : " (added columns " + String.join(", ", added) + ")");
        } catch (SQLException e) {
            pool.close();
            throw new AppStoreException("cannot prepare the app table in " + settings + ": " + e.getMessage(), e);
        }
        return new SqlAppManager(settings, pool);
    }

    private static HikariConfig poolConfig(SqlAppStoreSettings s) {
        HikariConfig c = new HikariConfig();
        // the driver's socket timeout frees a thread stuck on a database that stopped answering
        c.setJdbcUrl(s.dialect().jdbcUrl(s.host(), s.port(), s.database(), s.connectionTimeout(),
                s.queryTimeout().plusSeconds(1)));
        c.setUsername(s.username());
        c.setPassword(s.password());
        c.setPoolName("sockudo-" + s.dialect().label() + "-apps");
        c.setMaximumPoolSize(s.poolMax());
        c.setMinimumIdle(s.poolMin());
        c.setConnectionTimeout(s.connectionTimeout().toMillis());
        c.setValidationTimeout(Math.max(250, Math.min(1000, s.connectionTimeout().toMillis() / 2)));
        c.setInitializationFailTimeout(s.connectionTimeout().toMillis());
        c.setIdleTimeout(180_000); // sockudo's idle timeout
        return c;
    }

    public SqlAppStoreSettings settings() {
        return settings;
    }

    @Override
    public CompletableFuture<App> findByKey(String key) {
        return calls.call("lookup of key '" + key + "'", () -> one(byKey, key));
    }

    @Override
    public CompletableFuture<App> findById(String id) {
        return calls.call("lookup of app '" + id + "'", () -> one(byId, id));
    }

    @Override
    public CompletableFuture<List<App>> all() {
        return calls.call("listing of apps", () -> {
            try (Connection c = pool.getConnection(); PreparedStatement q = prepare(c, everyApp)) {
                try (ResultSet rs = q.executeQuery()) {
                    List<App> apps = new ArrayList<>();
                    while (rs.next()) {
                        App app = read(rs);
                        if (app != null) {
                            apps.add(app);
                        }
                    }
                    return List.copyOf(apps);
                }
            }
        });
    }

    /** Completes normally when the database answers a trivial query in time (for {@code /up}). */
    public CompletableFuture<Void> checkHealth() {
        return calls.call("health check", () -> {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.setQueryTimeout(queryTimeoutSeconds());
                s.execute("SELECT 1");
                return null;
            }
        });
    }

    private App one(String sql, String value) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement q = prepare(c, sql)) {
            q.setString(1, value);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement q = c.prepareStatement(sql);
        q.setQueryTimeout(queryTimeoutSeconds());
        return q;
    }

    private App read(ResultSet rs) throws SQLException {
        try {
            return AppRow.read(rs);
        } catch (MalformedAppException e) {
            malformed.skipped(e);
            return null;
        }
    }

    private int queryTimeoutSeconds() {
        return (int) Math.max(1, (settings.queryTimeout().toMillis() + 999) / 1000);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** Closes the pool; lookups still running fail. */

    /** For {@code /up}: the database answers a trivial query within the lookup bound. */
    @Override
    public CompletableFuture<Health> health() {
        return Health.of(checkHealth());
    }

    @Override
    public void close() {
        calls.close();
        pool.close();
    }
}
