package io.sockudo.store.app.sql;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

/** What differs between MySQL/MariaDB and PostgreSQL for the {@code applications} table. */
public enum SqlDialect {

    /** MySQL or MariaDB, through the MariaDB driver, which speaks to both. */
    MYSQL("mysql", 3306),
    POSTGRES("postgres", 5432);

    private final String label;
    private final int defaultPort;

    SqlDialect(String label, int defaultPort) {
        this.label = label;
        this.defaultPort = defaultPort;
    }

    /**
     * The dialect of one of sockudo's {@code app_manager.driver} names: {@code mysql}, or
     * {@code pgsql}, {@code postgres}, {@code postgresql}; null for any other driver.
     */
    public static SqlDialect forDriver(String driver) {
        return switch (driver == null ? "" : driver.trim().toLowerCase(Locale.ROOT)) {
            case "mysql" -> MYSQL;
            case "pgsql", "postgres", "postgresql" -> POSTGRES;
            default -> null;
        };
    }

    /** {@code mysql} or {@code postgres}: the config section under {@code database}. */
    public String label() {
        return label;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /**
     * The JDBC URL, with the driver's own connect and socket timeouts so that a database that
     * stops answering frees the calling thread.
     */
    String jdbcUrl(String host, int port, String database, Duration connectTimeout, Duration socketTimeout) {
        return switch (this) {
            case MYSQL -> "jdbc:mariadb://" + host + ":" + port + "/" + database
                    + "?connectTimeout=" + connectTimeout.toMillis() + "&socketTimeout=" + socketTimeout.toMillis();
            case POSTGRES -> "jdbc:postgresql://" + host + ":" + port + "/" + database
                    + "?connectTimeout=" + seconds(connectTimeout) + "&socketTimeout=" + seconds(socketTimeout)
                    + "&loginTimeout=" + seconds(connectTimeout);
        };
    }

    /** A column name as sockudo writes it: MySQL quotes {@code key}, a reserved word there. */
    String column(String name) {
        return this == MYSQL && name.equals("key") ? "`key`" : name;
    }

    /** A table name as sockudo writes it: quoted in MySQL, bare (so folded to lower case) in PostgreSQL. */
    String table(String table) {
        return this == MYSQL ? "`" + table + "`" : table;
    }

    /** The query listing the columns the table has now; one parameter, the table name. */
    String columnsQuery() {
        return switch (this) {
            case MYSQL -> "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?";
            case POSTGRES -> "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?";
        };
    }

    /** The table name as the catalog stores it. */
    String catalogName(String table) {
        return this == POSTGRES ? table.toLowerCase(Locale.ROOT) : table;
    }

    /** Whether another node added the column between our check and our ALTER. */
    boolean isDuplicateColumn(SQLException e) {
        return this == MYSQL ? e.getErrorCode() == 1060 : "42701".equals(e.getSQLState());
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
