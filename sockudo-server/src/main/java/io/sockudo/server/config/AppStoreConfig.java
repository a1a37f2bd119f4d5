package io.sockudo.server.config;

import io.sockudo.store.app.dynamodb.DynamoDbAppStoreSettings;
import io.sockudo.store.app.sql.SqlAppStoreSettings;

/**
 * Where apps come from ({@code app_manager.driver}): the config's own apps ({@code memory}), an
 * SQL database ({@code mysql}, {@code pgsql}, {@code postgres}, {@code postgresql}) or DynamoDB
 * ({@code dynamodb}). Exactly one of {@link #sql} and {@link #dynamodb} is set for a database
 * driver; neither for {@code memory} or a driver this server does not have.
 *
 * @param driver   the driver as configured, in lower case
 * @param sql      the settings of the SQL store, or null
 * @param dynamodb the settings of the DynamoDB store, or null
 */
public record AppStoreConfig(String driver, SqlAppStoreSettings sql, DynamoDbAppStoreSettings dynamodb) {

    public static final AppStoreConfig MEMORY = new AppStoreConfig("memory", null, null);

    public boolean memory() {
        return driver.equals("memory");
    }
}
