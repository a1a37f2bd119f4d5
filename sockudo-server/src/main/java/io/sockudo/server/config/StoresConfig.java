package io.sockudo.server.config;

import java.util.Objects;

/**
 * Where the server keeps what outlives one connection, as configured: the app store
 * ({@code app_manager.driver} and {@code database.*}) and the cache channels' store ({@code cache}).
 *
 * @param appStore     where apps come from
 * @param channelCache where cache channels keep their last event
 */
public record StoresConfig(AppStoreConfig appStore, ChannelCacheConfig channelCache) {

    public static final StoresConfig DEFAULTS = new StoresConfig(AppStoreConfig.MEMORY, ChannelCacheConfig.MEMORY);

    public StoresConfig {
        Objects.requireNonNull(appStore, "appStore");
        Objects.requireNonNull(channelCache, "channelCache");
    }
}
