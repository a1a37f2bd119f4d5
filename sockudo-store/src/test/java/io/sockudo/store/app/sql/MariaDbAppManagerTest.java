package io.sockudo.store.app.sql;

import io.sockudo.testkit.services.MariaDbServer;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The MySQL app store ({@code app_manager.driver = mysql}) against a real MariaDB server. */
class MariaDbAppManagerTest extends SqlAppManagerContract {

    private static MariaDbServer db;

    @BeforeAll
    static void startServer() throws Exception {
        db = MariaDbServer.create();
    }

    @AfterAll
    static void stopServer() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    SqlDialect dialect() {
        return SqlDialect.MYSQL;
    }

    @Override
    SqlAppStoreSettings settings(String table) {
        SqlAppStoreSettings d = SqlAppStoreSettings.defaults(SqlDialect.MYSQL);
        return new SqlAppStoreSettings(SqlDialect.MYSQL, db.host(), db.port(), MariaDbServer.USER, MariaDbServer.PASSWORD,
                MariaDbServer.DATABASE, table, d.poolMin(), d.poolMax(), d.connectionTimeout(), d.queryTimeout());
    }

    @Override
    Connection connect() throws SQLException {
        return connect(db.jdbcUrl(), MariaDbServer.USER, MariaDbServer.PASSWORD);
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
