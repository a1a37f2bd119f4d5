package io.sockudo.server.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names of sockudo's environment variables, so that one it has and this server does not read
 * is named at startup instead of passing unnoticed (a {@code REDIS_URL} that is silently not used
 * looks like a working cluster).
 */
final class SockudoVariables {

    /** Variables sockudo reads by their whole name. */
    private static final Set<String> NAMES = Set.of(
            "HOST", "PORT", "DEBUG", "DEBUG_MODE", "ENVIRONMENT", "ACTIVITY_TIMEOUT", "SHUTDOWN_GRACE_PERIOD",
            "USER_AUTHENTICATION_TIMEOUT", "SOCKUDO_MAX_CONNECTIONS", "SOCKUDO_SERVER_ROLE", "INSTANCE_PROCESS_ID",
            "HEALTH_CHECK_TIMEOUT_MS", "HTTP_API_USAGE_ENABLED", "APP_MANAGER_DRIVER", "APP_MANAGER_REGISTER_INLINE_APPS",
            "CACHE_DRIVER", "QUEUE_DRIVER", "REDIS_URL", "REDIS_CLUSTER_NODES", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "TAG_FILTERING_ENABLED", "EPHEMERAL_ENABLED", "CACHE_TTL_SECONDS",
            "CACHE_CLEANUP_INTERVAL", "CACHE_MAX_CAPACITY", "SOCKUDO_SKIP_INLINE_APPS", "SOCKUDO_ENABLE_CLIENT_MESSAGES",
            "RUST_LOG", "LOG_OUTPUT_FORMAT", "LOG_COLORS_ENABLED", "LOG_INCLUDE_TARGET");

    /** Families of variables sockudo reads, by the start of their name. */
    private static final List<String> PREFIXES = List.of(
            "ADAPTER_", "DATABASE_", "NATS_", "KAFKA_", "RABBITMQ_", "PULSAR_", "GOOGLE_PUBSUB_", "IGGY_", "QUEUE_",
            "WEBHOOK_BATCHING_", "RATE_LIMITER_", "METRICS_", "SSL_", "UNIX_SOCKET_", "CORS_", "CLEANUP_",
            "CLUSTER_HEALTH_", "WEBSOCKET_", "CONNECTION_RECOVERY_", "IDEMPOTENCY_", "ECHO_CONTROL_",
            "EVENT_NAME_FILTERING_", "HISTORY_", "PRESENCE_HISTORY_", "SOCKUDO_DEFAULT_APP_");

    /**
     * Variables in sockudo's families that belong to others: OpenSSL's trust store locations,
     * which many systems set for every process.
     */
    private static final Set<String> OTHERS = Set.of("SSL_CERT_FILE", "SSL_CERT_DIR");

    private SockudoVariables() {
    }

    static boolean isSockudos(String name) {
        return NAMES.contains(name) || !OTHERS.contains(name) && PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** sockudo's variables that are set (not empty) but that nothing here reads, sorted. */
    static List<String> unread(Map<String, String> env, Set<String> read) {
        Set<String> out = new TreeSet<>();
        env.forEach((name, value) -> {
            if (value != null && !value.isEmpty() && isSockudos(name) && !read.contains(name)) {
                out.add(name);
            }
        });
        return List.copyOf(out);
    }
}
