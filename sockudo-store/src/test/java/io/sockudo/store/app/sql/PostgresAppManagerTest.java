package io.sockudo.store.app.sql;

import io.sockudo.testkit.services.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The PostgreSQL app store ({@code app_manager.driver = pgsql}) against a real PostgreSQL server. */
class PostgresAppManagerTest extends SqlAppManagerContract {

    private static PostgresServer db;

    @BeforeAll
    static void startServer() throws Exception {
        db = PostgresServer.create();
    }

    @AfterAll
    static void stopServer() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    SqlDialect dialect() {
        return SqlDialect.POSTGRES;
    }

    @Override
    SqlAppStoreSettings settings(String table) {
        SqlAppStoreSettings d = SqlAppStoreSettings.defaults(SqlDialect.POSTGRES);
        return new SqlAppStoreSettings(SqlDialect.POSTGRES, db.host(), db.port(), PostgresServer.USER, PostgresServer.PASSWORD,
                PostgresServer.DATABASE, table, d.poolMin(), d.poolMax(), d.connectionTimeout(), d.queryTimeout());
    }

    @Override
    Connection connect() throws SQLException {
        return connect(db.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
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
