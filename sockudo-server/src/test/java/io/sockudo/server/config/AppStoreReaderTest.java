package io.sockudo.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockudo.store.app.dynamodb.DynamoDbAppStoreSettings;
import io.sockudo.store.app.sql.SqlAppStoreSettings;
import io.sockudo.store.app.sql.SqlDialect;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppStoreReaderTest {

    /** A tree as the JSON reader builds it: numbers are Longs. */
    private static AppStoreConfig read(Map<String, Object> tree) {
        return AppStoreReader.read(ConfigNode.root(new LinkedHashMap<>(tree), "config.json"));
    }

    @Test
    void memoryIsTheDefault() {
        assertThat(read(Map.of())).isEqualTo(AppStoreConfig.MEMORY);
        assertThat(read(Map.of("app_manager", Map.of("driver", "Memory"))).memory()).isTrue();
    }

    @Test
    void mysqlTakesSockudosDefaultsAndPoolingRules() {
        AppStoreConfig c = read(Map.of("app_manager", Map.of("driver", "mysql")));
        assertThat(c.sql()).isEqualTo(SqlAppStoreSettings.defaults(SqlDialect.MYSQL));
        assertThat(c.sql().poolMin()).isEqualTo(2);
        assertThat(c.sql().poolMax()).isEqualTo(10);
        assertThat(c.dynamodb()).isNull();
    }

    @Test
    void everyPostgresDriverNameReadsTheDatabasePostgresSection() {
        for (String driver : List.of("pgsql", "postgres", "postgresql")) {
            AppStoreConfig c = read(Map.of(
                    "app_manager", Map.of("driver", driver),
                    "database", Map.of("postgres", Map.of("host", "db.internal", "port", 6432L, "username", "sockudo",
                            "password", "pw", "database", "apps", "table_name", "pusher_apps", "pool_max", 4L,
                            "connection_timeout_ms", 1500L, "query_timeout_ms", "2500")),
                    "database_pooling", Map.of("min", 1L)));
            SqlAppStoreSettings s = c.sql();
            assertThat(s.dialect()).isEqualTo(SqlDialect.POSTGRES);
            assertThat(s.host()).isEqualTo("db.internal");
            assertThat(s.port()).isEqualTo(6432);
            assertThat(s.username()).isEqualTo("sockudo");
            assertThat(s.password()).isEqualTo("pw");
            assertThat(s.database()).isEqualTo("apps");
            assertThat(s.tableName()).isEqualTo("pusher_apps");
            assertThat(s.poolMin()).isEqualTo(1);
            assertThat(s.poolMax()).isEqualTo(4);
            assertThat(s.connectionTimeout()).isEqualTo(Duration.ofMillis(1500));
            assertThat(s.queryTimeout()).isEqualTo(Duration.ofMillis(2500));
        }
    }

    @Test
    void withoutPoolingTheConnectionPoolSizeApplies() {
        AppStoreConfig c = read(Map.of(
                "app_manager", Map.of("driver", "mysql"),
                "database", Map.of("mysql", Map.of("connection_pool_size", 25L)),
                "database_pooling", Map.of("enabled", false)));
        assertThat(c.sql().poolMax()).isEqualTo(25);
        assertThat(c.sql().poolMin()).isZero();
    }

    @Test
    void dynamodbReadsItsSection() {
        AppStoreConfig c = read(Map.of(
                "app_manager", Map.of("driver", "dynamodb"),
                "database", Map.of("dynamodb", Map.of("region", "eu-west-1", "endpoint_url", "http://127.0.0.1:8123",
                        "aws_access_key_id", "id", "aws_secret_access_key", "secret"))));
        DynamoDbAppStoreSettings s = c.dynamodb();
        assertThat(s.region()).isEqualTo("eu-west-1");
        assertThat(s.tableName()).isEqualTo("sockudo-applications");
        assertThat(s.endpointUrl()).isEqualTo(URI.create("http://127.0.0.1:8123"));
        assertThat(s.accessKeyId()).isEqualTo("id");
        assertThat(s.secretAccessKey()).isEqualTo("secret");
        assertThat(c.sql()).isNull();
    }

    @Test
    void otherDriversAreNeitherMemoryNorADatabaseOfOurs() {
        AppStoreConfig c = read(Map.of("app_manager", Map.of("driver", "scylladb")));
        assertThat(c.memory()).isFalse();
        assertThat(c.sql()).isNull();
        assertThat(c.dynamodb()).isNull();
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> read(Map.of("app_manager", Map.of("driver", "mysql"),
                "database", Map.of("mysql", Map.of("table_name", "apps; DROP TABLE x")))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("database.mysql").hasMessageContaining("table_name");
        assertThatThrownBy(() -> read(Map.of("app_manager", Map.of("driver", "dynamodb"),
                "database", Map.of("dynamodb", Map.of("endpoint_url", "localhost:8123")))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("database.dynamodb.endpoint_url");
    }
}
