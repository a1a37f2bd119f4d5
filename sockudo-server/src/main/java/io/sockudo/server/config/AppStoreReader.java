package io.sockudo.server.config;

import io.sockudo.store.app.dynamodb.DynamoDbAppStoreSettings;
import io.sockudo.store.app.sql.SqlAppStoreSettings;
import io.sockudo.store.app.sql.SqlDialect;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Reads which app store to use: {@code app_manager.driver} and, for a database driver, its
 * section of {@code database} ({@code mysql}, {@code postgres} or {@code dynamodb}) and
 * {@code database_pooling}, with sockudo's defaults.
 */
final class AppStoreReader {

    private static final int MAX = Integer.MAX_VALUE;

    /** sockudo's environment variables for these settings, for {@link EnvOverlay}. */
    static final List<EnvOverlay.Mapping> ENV = List.of(
            EnvOverlay.Mapping.of("DATABASE_MYSQL_HOST", "database", "mysql", "host"),
            EnvOverlay.Mapping.of("DATABASE_MYSQL_PORT", "database", "mysql", "port"),
            EnvOverlay.Mapping.of("DATABASE_MYSQL_USERNAME", "database", "mysql", "username"),
            EnvOverlay.Mapping.of("DATABASE_MYSQL_PASSWORD", "database", "mysql", "password"),
            EnvOverlay.Mapping.of("DATABASE_MYSQL_DATABASE", "database", "mysql", "database"),
            EnvOverlay.Mapping.of("DATABASE_MYSQL_TABLE_NAME", "database", "mysql", "table_name"),
            EnvOverlay.Mapping.of("DATABASE_MYSQL_POOL_MIN", "database", "mysql", "pool_min"),
            EnvOverlay.Mapping.of("DATABASE_MYSQL_POOL_MAX", "database", "mysql", "pool_max"),
            EnvOverlay.Mapping.of("DATABASE_POSTGRES_HOST", "database", "postgres", "host"),
            EnvOverlay.Mapping.of("DATABASE_POSTGRES_PORT", "database", "postgres", "port"),
            EnvOverlay.Mapping.of("DATABASE_POSTGRES_USERNAME", "database", "postgres", "username"),
            EnvOverlay.Mapping.of("DATABASE_POSTGRES_PASSWORD", "database", "postgres", "password"),
            EnvOverlay.Mapping.of("DATABASE_POSTGRES_DATABASE", "database", "postgres", "database"),
            EnvOverlay.Mapping.of("DATABASE_POSTGRES_TABLE_NAME", "database", "postgres", "table_name"),
            EnvOverlay.Mapping.of("DATABASE_POSTGRES_POOL_MIN", "database", "postgres", "pool_min"),
            EnvOverlay.Mapping.of("DATABASE_POSTGRES_POOL_MAX", "database", "postgres", "pool_max"),
            EnvOverlay.Mapping.of("DATABASE_CONNECTION_POOL_SIZE", "database", "mysql", "connection_pool_size"),
            EnvOverlay.Mapping.of("DATABASE_CONNECTION_POOL_SIZE", "database", "postgres", "connection_pool_size"),
            EnvOverlay.Mapping.of("DATABASE_POOLING_ENABLED", "database_pooling", "enabled"),
            EnvOverlay.Mapping.of("DATABASE_POOL_MIN", "database_pooling", "min"),
            EnvOverlay.Mapping.of("DATABASE_POOL_MAX", "database_pooling", "max"),
            EnvOverlay.Mapping.of("DATABASE_DYNAMODB_REGION", "database", "dynamodb", "region"),
            EnvOverlay.Mapping.of("DATABASE_DYNAMODB_TABLE_NAME", "database", "dynamodb", "table_name"),
            EnvOverlay.Mapping.of("DATABASE_DYNAMODB_ENDPOINT_URL", "database", "dynamodb", "endpoint_url"),
            EnvOverlay.Mapping.of("AWS_ACCESS_KEY_ID", "database", "dynamodb", "aws_access_key_id"),
            EnvOverlay.Mapping.of("AWS_SECRET_ACCESS_KEY", "database", "dynamodb", "aws_secret_access_key"));

    private AppStoreReader() {
    }

    static AppStoreConfig read(ConfigNode root) {
        String driver = root.get("app_manager").get("driver").string("memory").trim().toLowerCase(Locale.ROOT);
        if (driver.equals("memory")) {
            return AppStoreConfig.MEMORY;
        }
        SqlDialect dialect = SqlDialect.forDriver(driver);
        if (dialect != null) {
            return new AppStoreConfig(driver, sql(root, dialect), null);
        }
        if (driver.equals("dynamodb")) {
            return new AppStoreConfig(driver, null, dynamodb(root.get("database").get("dynamodb")));
        }
        return new AppStoreConfig(driver, null, null);
    }

    private static SqlAppStoreSettings sql(ConfigNode root, SqlDialect dialect) {
        ConfigNode s = root.get("database").get(dialect.label());
        ConfigNode pooling = root.get("database_pooling");
        SqlAppStoreSettings d = SqlAppStoreSettings.defaults(dialect);
        try {
            return new SqlAppStoreSettings(dialect,
                    s.get("host").string(d.host()),
                    s.get("port").integer(1, 65535, d.port()),
                    s.get("username").string(d.username()),
                    s.get("password").string(d.password()),
                    s.get("database").string(d.database()),
                    s.get("table_name").string(d.tableName()),
                    d.poolMin(), d.poolMax(),
                    Duration.ofMillis(s.get("connection_timeout_ms").integer(250, MAX, (int) d.connectionTimeout().toMillis())),
                    Duration.ofMillis(s.get("query_timeout_ms").integer(1, MAX, (int) d.queryTimeout().toMillis())))
                    .withPool(pooling.get("enabled").bool(true),
                            s.get("pool_min").optionalInteger(0, MAX),
                            s.get("pool_max").optionalInteger(1, MAX),
                            pooling.get("min").integer(0, MAX, 2),
                            pooling.get("max").integer(1, MAX, 10),
                            s.get("connection_pool_size").integer(1, MAX, 10));
        } catch (IllegalArgumentException e) {
            throw s.problem(e.getMessage());
        }
    }

    private static DynamoDbAppStoreSettings dynamodb(ConfigNode s) {
        DynamoDbAppStoreSettings d = DynamoDbAppStoreSettings.defaults();
        ConfigNode endpointNode = s.get("endpoint_url");
        URI endpoint = null;
        String endpointText = endpointNode.optionalString();
        if (endpointText != null && !endpointText.isBlank()) {
            try {
                endpoint = new URI(endpointText.trim());
            } catch (URISyntaxException e) {
                throw endpointNode.invalid("an http or https URL");
            }
            if (endpoint.getHost() == null || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
                throw endpointNode.invalid("an http or https URL");
            }
        }
        try {
            return new DynamoDbAppStoreSettings(
                    s.get("region").string(d.region()),
                    s.get("table_name").string(d.tableName()),
                    endpoint,
                    s.get("aws_access_key_id").optionalString(),
                    s.get("aws_secret_access_key").optionalString(),
                    s.get("aws_profile_name").optionalString(),
                    Duration.ofMillis(s.get("request_timeout_ms").integer(100, MAX, (int) d.callTimeout().toMillis())),
                    d.threads());
        } catch (IllegalArgumentException e) {
            throw s.problem(e.getMessage());
        }
    }
}
