package io.sockudo.store.app.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * sockudo's {@code applications} table: its columns and types in both dialects, the statement
 * that creates it, and the migration that brings a table made by an earlier sockudo up to date.
 * Like sockudo, the store creates the table when it is missing and adds the columns later
 * versions added; unlike sockudo it adds every optional column it lacks, not only the last few,
 * so any earlier layout works.
 */
final class AppTable {

    private static final System.Logger LOG = System.getLogger(AppTable.class.getName());

    /**
     * One column. {@code optional} columns may be null or have a default, so they can be added to
     * a table that already has rows.
     */
    record Column(String name, String mysql, String postgres, boolean optional, boolean json) {

        String type(SqlDialect dialect) {
            return dialect == SqlDialect.MYSQL ? mysql : postgres;
        }
    }

    private static Column required(String name, String mysql, String postgres) {
        return new Column(name, mysql, postgres, false, false);
    }

    private static Column optional(String name, String mysql, String postgres) {
        return new Column(name, mysql, postgres, true, false);
    }

    private static Column json(String name) {
        return new Column(name, "JSON NULL", "JSONB", true, true);
    }

    private static Column limit(String name) {
        return optional(name, "INT UNSIGNED NULL", "INTEGER");
    }

    static final List<Column> COLUMNS = List.of(
            required("id", "VARCHAR(255) PRIMARY KEY", "VARCHAR(255) PRIMARY KEY"),
            required("key", "VARCHAR(255) UNIQUE NOT NULL", "VARCHAR(255) UNIQUE NOT NULL"),
            required("secret", "VARCHAR(255) NOT NULL", "VARCHAR(255) NOT NULL"),
            required("max_connections", "INT UNSIGNED NOT NULL", "INTEGER NOT NULL"),
            optional("enable_client_messages", "BOOLEAN NOT NULL DEFAULT FALSE", "BOOLEAN NOT NULL DEFAULT FALSE"),
            optional("enabled", "BOOLEAN NOT NULL DEFAULT TRUE", "BOOLEAN NOT NULL DEFAULT TRUE"),
            limit("max_backend_events_per_second"),
            required("max_client_events_per_second", "INT UNSIGNED NOT NULL", "INTEGER NOT NULL"),
            limit("max_read_requests_per_second"),
            limit("max_presence_members_per_channel"),
            limit("max_presence_member_size_in_kb"),
            limit("max_channel_name_length"),
            limit("max_event_channels_at_once"),
            limit("max_event_name_length"),
            limit("max_event_payload_in_kb"),
            limit("max_event_batch_size"),
            optional("enable_user_authentication", "BOOLEAN NULL", "BOOLEAN"),
            optional("enable_watchlist_events", "BOOLEAN NULL", "BOOLEAN"),
            json("policy"),
            json("webhooks"),
            json("allowed_origins"),
            json("channel_delta_compression"),
            json("idempotency"),
            json("connection_recovery"),
            optional("created_at", "TIMESTAMP DEFAULT CURRENT_TIMESTAMP", "TIMESTAMP DEFAULT CURRENT_TIMESTAMP"),
            optional("updated_at", "TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP",
                    "TIMESTAMP DEFAULT CURRENT_TIMESTAMP"));

    /** The columns an app is read from: all but the timestamps. */
    static final List<Column> APP_COLUMNS = COLUMNS.stream()
            .filter(c -> !c.name().endsWith("_at"))
            .toList();

    private AppTable() {
    }

    /** The {@code CREATE TABLE IF NOT EXISTS} statement, as shipped in the docs. */
    static String createStatement(SqlDialect dialect, String table) {
        String columns = COLUMNS.stream()
                .map(c -> "    " + dialect.column(c.name()) + " " + c.type(dialect))
                .collect(Collectors.joining(",\n"));
        String tail = dialect == SqlDialect.MYSQL ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci" : "";
        return "CREATE TABLE IF NOT EXISTS " + dialect.table(table) + " (\n" + columns + "\n)" + tail;
    }

    /** {@code SELECT} of an app's columns, with a {@code WHERE} on {@code column} unless it is null. */
    static String selectStatement(SqlDialect dialect, String table, String column) {
        String columns = APP_COLUMNS.stream().map(c -> dialect.column(c.name())).collect(Collectors.joining(", "));
        String select = "SELECT " + columns + " FROM " + dialect.table(table);
        return column == null ? select : select + " WHERE " + dialect.column(column) + " = ?";
    }

    /**
     * Creates the table when it is missing and adds the columns it lacks. Safe to run from
     * several nodes at once: a column another node just added is taken as added.
     *
     * @return the columns that were added
     */
    static List<String> ensure(Connection c, SqlDialect dialect, String table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(createStatement(dialect, table));
        }
        Set<String> present = new HashSet<>();
        try (PreparedStatement q = c.prepareStatement(dialect.columnsQuery())) {
            q.setString(1, dialect.catalogName(table));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        List<String> added = new ArrayList<>();
        for (Column col : COLUMNS) {
            if (present.contains(col.name())) {
                continue;
            }
            if (!col.optional()) {
                throw new SQLException("table " + table + " has no column " + col.name()
                        + ": it is not sockudo's applications table, or not one this store can migrate");
            }
            String alter = "ALTER TABLE " + dialect.table(table) + " ADD COLUMN " + dialect.column(col.name()) + " " + col.type(dialect);
            try (Statement s = c.createStatement()) {
                s.execute(alter);
                added.add(col.name());
                LOG.log(System.Logger.Level.INFO, "added column {0} to the app table {1}", col.name(), table);
            } catch (SQLException e) {
                if (!dialect.isDuplicateColumn(e)) {
                    throw e;
                }
            }
        }
        return added;
    }
}
