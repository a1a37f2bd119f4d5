package io.sockudo.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code app_manager.cache}: apps kept in memory in front of the app manager, so that connecting
 * clients and API calls do not ask the app store each time.
 *
 * @param enabled whether the cache is used ({@code app_manager.cache.enabled}, true as in sockudo)
 * @param ttl     how long a found app is served before the store is asked again
 *                ({@code app_manager.cache.ttl} in seconds, or {@code CACHE_TTL_SECONDS}; 300)
 */
public record AppCacheConfig(boolean enabled, Duration ttl) {

    public static final AppCacheConfig DEFAULTS = new AppCacheConfig(true, Duration.ofSeconds(300));

    public AppCacheConfig {
        Objects.requireNonNull(ttl, "ttl");
    }
}
