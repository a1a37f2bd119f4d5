package io.sockudo.store.app.sql;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the {@code applications} table lives and how long a lookup may take: sockudo's
 * {@code database.mysql} / {@code database.postgres} section, plus the two timeouts this store
 * adds.
 *
 * @param dialect           MySQL/MariaDB or PostgreSQL
 * @param host              {@code host} (localhost)
 * @param port              {@code port} (3306 / 5432)
 * @param username          {@code username} (root)
 * @param password          {@code password} (empty)
 * @param database          {@code database} (sockudo)
 * @param tableName         {@code table_name} (applications): letters, digits and {@code _}
 * @param poolMin           connections kept open when idle
 * @param poolMax           at most this many connections, and as many lookups at once
 * @param connectionTimeout how long a lookup waits for a pooled connection (a new one included)
 * @param queryTimeout      how long one query may run
 */
public record SqlAppStoreSettings(SqlDialect dialect, String host, int port, String username, String password,
                                  String database, String tableName, int poolMin, int poolMax,
                                  Duration connectionTimeout, Duration queryTimeout) {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(3);

    public SqlAppStoreSettings {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        if (tableName == null || !TABLE.matcher(tableName).matches()) {
            throw new IllegalArgumentException("database." + dialect.label() + ".table_name must be letters, digits and _, not " + tableName);
        }
        if (poolMax < 1 || poolMin < 0 || poolMin > poolMax) {
            throw new IllegalArgumentException("database." + dialect.label() + ": the pool needs 0 <= min <= max and max >= 1, not "
                    + poolMin + ".." + poolMax);
        }
        if (connectionTimeout.toMillis() < 250 || queryTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("database." + dialect.label() + ": the connection timeout must be at least 250 ms");
        }
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    /** sockudo's defaults: localhost, the dialect's port, root without a password, sockudo.applications, 10 connections. */
    public static SqlAppStoreSettings defaults(SqlDialect dialect) {
        return new SqlAppStoreSettings(dialect, "localhost", dialect.defaultPort(), "root", "", "sockudo", "applications",
                2, 10, DEFAULT_CONNECTION_TIMEOUT, DEFAULT_QUERY_TIMEOUT);
    }

    /**
     * The pool size sockudo would use: with {@code database_pooling.enabled} (the default),
     * {@code pool_min}/{@code pool_max} of the section or else {@code database_pooling.min/max};
     * otherwise up to {@code connection_pool_size} connections.
     *
     * @param sectionMin the section's {@code pool_min}, or null
     * @param sectionMax the section's {@code pool_max}, or null
     */
    public SqlAppStoreSettings withPool(boolean poolingEnabled, Integer sectionMin, Integer sectionMax,
                                        int poolingMin, int poolingMax, int connectionPoolSize) {
        int max = poolingEnabled ? (sectionMax != null ? sectionMax : poolingMax) : connectionPoolSize;
        int min = poolingEnabled ? Math.min(sectionMin != null ? sectionMin : poolingMin, max) : 0;
        return new SqlAppStoreSettings(dialect, host, port, username, password, database, tableName, min, max,
                connectionTimeout, queryTimeout);
    }

    public SqlAppStoreSettings withAddress(String host, int port) {
        return new SqlAppStoreSettings(dialect, host, port, username, password, database, tableName, poolMin, poolMax,
                connectionTimeout, queryTimeout);
    }

    public SqlAppStoreSettings withCredentials(String username, String password) {
        return new SqlAppStoreSettings(dialect, host, port, username, password, database, tableName, poolMin, poolMax,
                connectionTimeout, queryTimeout);
    }

    public SqlAppStoreSettings withTimeouts(Duration connectionTimeout, Duration queryTimeout) {
        return new SqlAppStoreSettings(dialect, host, port, username, password, database, tableName, poolMin, poolMax,
                connectionTimeout, queryTimeout);
    }

    /**
     * The longest a caller waits for one lookup: a connection, then the query, then a little
     * for the driver to report either.
     */
    public Duration lookupBound() {
        return connectionTimeout.plus(queryTimeout).plusMillis(500);
    }

    @Override
    public String toString() {
        // never the password
        return dialect.label() + "://" + username + "@" + host + ":" + port + "/" + database + "." + tableName
                + " pool " + poolMin + ".." + poolMax;
    }
}
