package io.sockudo.server;

import io.sockudo.adapter.app.AppManager;
import io.sockudo.server.config.AppStoreConfig;
import io.sockudo.store.app.dynamodb.DynamoDbAppManager;
import io.sockudo.store.app.sql.SqlAppManager;

/** Opens the app store a configuration names ({@code app_manager.driver}). */
final class AppStores {

    /** An opened store and how to let go of its connections. */
    record Opened(AppManager apps, AutoCloseable resources) {
    }

    private AppStores() {
    }

    /**
     * Connects to the database of {@code config} (blocking: call it at startup), or returns null
     * for the {@code memory} driver, whose apps are the configuration's own.
     *
     * @throws io.sockudo.store.app.stored.AppStoreException when the database cannot be reached
     *                                                       or its table cannot be prepared
     */
    static Opened open(AppStoreConfig config) {
        if (config.sql() != null) {
            SqlAppManager store = SqlAppManager.open(config.sql());
            return new Opened(store, store);
        }
        if (config.dynamodb() != null) {
            DynamoDbAppManager store = DynamoDbAppManager.open(config.dynamodb());
            return new Opened(store, store);
        }
        if (!config.memory()) {
            // the config reader refuses other drivers; this guards embedders building configs themselves
            throw new IllegalArgumentException("app_manager.driver \"" + config.driver() + "\" is not a driver this server has");
        }
        return null;
    }
}
