package io.sockudo.server.stores;

import io.sockudo.testkit.services.MariaDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@code app_manager.driver = mysql} against a real MariaDB server. */
class MariaDbAppsEndToEndTest extends AppDatabaseEndToEnd {

    private static MariaDbServer db;

    @BeforeAll
    static void startDatabaseServer() throws Exception {
        db = MariaDbServer.create();
    }

    @AfterAll
    static void stopDatabaseServer() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    String driver() {
        return "mysql";
    }

    @Override
    String section() {
        return "mysql";
    }

    @Override
    int databasePort() {
        return db.port();
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), MariaDbServer.USER, MariaDbServer.PASSWORD);
    }

    @Override
    String keyColumn() {
        return "`key`";
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
