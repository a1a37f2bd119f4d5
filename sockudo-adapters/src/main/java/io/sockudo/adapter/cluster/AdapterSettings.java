package io.sockudo.adapter.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * sockudo's {@code adapter} section, as far as the cluster backbone reads it.
 *
 * @param driver {@code local} (one node, no backbone), {@code redis}, {@code redis-cluster} or
 *               {@code nats}
 */
public record AdapterSettings(String driver, RedisSettings redis, RedisClusterSettings cluster, NatsSettings nats,
                              ClusterHealth clusterHealth) {

    public static final String DEFAULT_PREFIX = "sockudo_adapter:";
    public static final List<String> DRIVERS = List.of("local", "redis", "redis-cluster", "nats");
    public static final AdapterSettings DEFAULTS = new AdapterSettings("local", RedisSettings.DEFAULTS,
            RedisClusterSettings.DEFAULTS, NatsSettings.DEFAULTS, ClusterHealth.DEFAULTS);

    public AdapterSettings {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(nats, "nats");
        Objects.requireNonNull(clusterHealth, "clusterHealth");
    }

    /**
     * These settings with sockudo's environment variables applied over them: {@code ADAPTER_DRIVER},
     * {@code REDIS_URL}, {@code REDIS_CLUSTER_NODES}, {@code NATS_SERVERS}, {@code NATS_PREFIX},
     * {@code NATS_REQUEST_TIMEOUT_MS}, {@code NATS_USERNAME}, {@code NATS_PASSWORD},
     * {@code NATS_TOKEN}, {@code NATS_CONNECTION_TIMEOUT_MS}, {@code CLUSTER_HEALTH_ENABLED},
     * {@code CLUSTER_HEALTH_HEARTBEAT_INTERVAL}, {@code CLUSTER_HEALTH_NODE_TIMEOUT},
     * {@code CLUSTER_HEALTH_CLEANUP_INTERVAL} (milliseconds). Lists are comma-separated.
     *
     * @throws IllegalArgumentException when a number is not one
     */
    public AdapterSettings withEnv(Map<String, String> env) {
        Function<String, String> get = name -> {
            String v = env.get(name);
            return v == null || v.isBlank() ? null : v.trim();
        };
        String driver = or(get.apply("ADAPTER_DRIVER"), this.driver);
        RedisSettings redis = this.redis;
        if (get.apply("REDIS_URL") != null) {
            redis = redis.withUrl(get.apply("REDIS_URL"));
        }
        RedisClusterSettings cluster = this.cluster;
        if (get.apply("REDIS_CLUSTER_NODES") != null) {
            cluster = cluster.withNodes(list(get.apply("REDIS_CLUSTER_NODES")));
        }
        NatsSettings n = this.nats;
        NatsSettings nats = new NatsSettings(
                get.apply("NATS_SERVERS") == null ? n.servers() : list(get.apply("NATS_SERVERS")),
                or(get.apply("NATS_PREFIX"), n.prefix()),
                number(get, "NATS_REQUEST_TIMEOUT_MS", n.requestTimeoutMs()),
                or(get.apply("NATS_USERNAME"), n.username()),
                or(get.apply("NATS_PASSWORD"), n.password()),
                or(get.apply("NATS_TOKEN"), n.token()),
                number(get, "NATS_CONNECTION_TIMEOUT_MS", n.connectionTimeoutMs()));
        ClusterHealth h = this.clusterHealth;
        ClusterHealth health = new ClusterHealth(
                get.apply("CLUSTER_HEALTH_ENABLED") == null ? h.enabled() : Boolean.parseBoolean(get.apply("CLUSTER_HEALTH_ENABLED")),
                number(get, "CLUSTER_HEALTH_HEARTBEAT_INTERVAL", h.heartbeatIntervalMs()),
                number(get, "CLUSTER_HEALTH_NODE_TIMEOUT", h.nodeTimeoutMs()),
                number(get, "CLUSTER_HEALTH_CLEANUP_INTERVAL", h.cleanupIntervalMs()));
        return new AdapterSettings(driver, redis, cluster, nats, health);
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static long number(Function<String, String> get, String name, long fallback) {
        String v = get.apply(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of milliseconds, not \"" + v + "\"");
        }
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
