package io.sockudo.store.app;

import java.time.Duration;
import java.util.Objects;

/**
 * How long apps are kept in front of a slower app store ({@code app_manager.cache}).
 *
 * @param ttl         how long a found app is served without asking the store again ({@code cache.ttl})
 * @param negativeTtl how long "no such app" is remembered; short, so a new app is usable soon, yet
 *                    enough that a client retrying an unknown key does not reach the store each time
 * @param maximumSize entries per lookup kind (key, id), found or not
 */
public record AppCacheSettings(Duration ttl, Duration negativeTtl, long maximumSize) {

    public AppCacheSettings {
        requirePositive(ttl, "ttl");
        requirePositive(negativeTtl, "negativeTtl");
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximumSize must be at least 1, was " + maximumSize);
        }
    }

    /** sockudo's 300 s, with unknown apps remembered for 5 s and at most 10,000 entries. */
    public static AppCacheSettings defaults() {
        return new AppCacheSettings(Duration.ofSeconds(300), Duration.ofSeconds(5), 10_000);
    }

    public AppCacheSettings withTtl(Duration d) {
        return new AppCacheSettings(d, negativeTtl, maximumSize);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
