package io.sockudo.server.config;

import java.util.List;
import java.util.Locale;

/**
 * The drivers this server has, per setting, and the one check that refuses any other: a server
 * that starts with a store it cannot use (apps it cannot find, limits it cannot share) is worse
 * than one that does not start.
 */
final class StoreDrivers {

    /** {@code app_manager.driver}. */
    static final List<String> APP_MANAGER = List.of("memory", "mysql", "pgsql", "postgres", "postgresql", "dynamodb");

    /** {@code cache.driver}. */
    static final List<String> CACHE = List.of("memory", "redis", "redis-cluster", "none");

    /** {@code queue.driver}; SQS and SNS are refused with a message of their own. */
    static final List<String> QUEUE = List.of("memory", "redis", "redis-cluster");

    /** {@code rate_limiter.driver}. */
    static final List<String> RATE_LIMITER = List.of("memory", "redis", "redis-cluster");

    private StoreDrivers() {
    }

    /**
     * The driver named at {@code node} in lower case, {@code fallback} when not set.
     *
     * @throws ConfigException naming the setting, the value and the drivers there are
     */
    static String require(ConfigNode node, String fallback, List<String> available) {
        String driver = node.string(fallback).trim().toLowerCase(Locale.ROOT);
        if (!available.contains(driver)) {
            throw node.problem("\"" + driver + "\" is not a driver this server has; use one of " + String.join(", ", available));
        }
        return driver;
    }
}
