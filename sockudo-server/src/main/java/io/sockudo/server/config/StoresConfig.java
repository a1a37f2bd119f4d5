package io.sockudo.server.config;

import java.util.Objects;

/**
 * Where the server keeps what outlives one connection, as configured: the app store
 * ({@code app_manager.driver} and {@code database.*}).
 *
 * @param appStore where apps come from
 */
public record StoresConfig(AppStoreConfig appStore) {

    public static final StoresConfig DEFAULTS = new StoresConfig(AppStoreConfig.MEMORY);

    public StoresConfig {
        Objects.requireNonNull(appStore, "appStore");
    }
}
