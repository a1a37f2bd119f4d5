package io.sockudo.server.stores;

import io.sockudo.testkit.services.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@code app_manager.driver = postgres} against a real PostgreSQL server. */
class PostgresAppsEndToEndTest extends AppDatabaseEndToEnd {

    private static PostgresServer db;

    @BeforeAll
    static void startDatabaseServer() throws Exception {
        db = PostgresServer.create();
    }

    @AfterAll
    static void stopDatabaseServer() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    String driver() {
        return "postgres";
    }

    @Override
    String section() {
        return "postgres";
    }

    @Override
    int databasePort() {
        return db.port();
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    @Override
    String keyColumn() {
        return "\"key\"";
    }

    @Override
    void crashDatabase() {
        db.kill();
    }

    @Override
    void startDatabase() {
        db.restart();
    }
}
