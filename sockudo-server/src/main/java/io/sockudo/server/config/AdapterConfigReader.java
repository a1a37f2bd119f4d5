package io.sockudo.server.config;

import io.sockudo.adapter.cluster.AdapterSettings;
import io.sockudo.adapter.cluster.ClusterHealth;
import io.sockudo.adapter.cluster.NatsSettings;
import io.sockudo.adapter.cluster.RedisClusterSettings;
import io.sockudo.adapter.cluster.RedisSettings;
import java.util.Arrays;
import java.util.List;

/**
 * sockudo's {@code adapter} section: which backbone joins the nodes of a cluster
 * ({@code driver}: {@code local}, {@code redis}, {@code redis-cluster}, {@code nats}), how to
 * reach it, and the cluster's health settings. A driver this server does not have stops the
 * launcher: a node that was meant to be part of a cluster must never run alone.
 */
final class AdapterConfigReader {

    private static final long MAX_MS = 86_400_000L;

    /** sockudo's environment variables for the section. Lists are comma-separated. */
    static final List<EnvOverlay.Mapping> ENV = List.of(
            EnvOverlay.Mapping.of("REDIS_URL", "adapter", "redis", "redis_pub_options", "url"),
            EnvOverlay.Mapping.of("REDIS_CLUSTER_NODES", "adapter", "cluster", "nodes"),
            EnvOverlay.Mapping.of("NATS_SERVERS", "adapter", "nats", "servers"),
            EnvOverlay.Mapping.of("NATS_PREFIX", "adapter", "nats", "prefix"),
            EnvOverlay.Mapping.of("NATS_REQUEST_TIMEOUT_MS", "adapter", "nats", "request_timeout_ms"),
            EnvOverlay.Mapping.of("NATS_USERNAME", "adapter", "nats", "username"),
            EnvOverlay.Mapping.of("NATS_PASSWORD", "adapter", "nats", "password"),
            EnvOverlay.Mapping.of("NATS_TOKEN", "adapter", "nats", "token"),
            EnvOverlay.Mapping.of("NATS_CONNECTION_TIMEOUT_MS", "adapter", "nats", "connection_timeout_ms"),
            EnvOverlay.Mapping.of("CLUSTER_HEALTH_ENABLED", "adapter", "cluster_health", "enabled"),
            EnvOverlay.Mapping.of("CLUSTER_HEALTH_HEARTBEAT_INTERVAL", "adapter", "cluster_health", "heartbeat_interval_ms"),
            EnvOverlay.Mapping.of("CLUSTER_HEALTH_NODE_TIMEOUT", "adapter", "cluster_health", "node_timeout_ms"),
            EnvOverlay.Mapping.of("CLUSTER_HEALTH_CLEANUP_INTERVAL", "adapter", "cluster_health", "cleanup_interval_ms"));

    private AdapterConfigReader() {
    }

    static AdapterSettings read(ConfigNode a) {
        AdapterSettings d = AdapterSettings.DEFAULTS;
        ConfigNode driverNode = a.get("driver");
        // names are read in any case, as the driver table reads them
        String driver = driverNode.string(d.driver()).trim().toLowerCase(java.util.Locale.ROOT);
        if (!AdapterSettings.DRIVERS.contains(driver)) {
            throw driverNode.problem("is \"" + driver + "\"; this server has the drivers " + String.join(", ", AdapterSettings.DRIVERS));
        }
        ConfigNode fallback = a.get("fallback_to_local");
        if (fallback.bool(false)) {
            // a node that cannot reach its backbone keeps retrying and serves its own clients meanwhile
            fallback.unsupported("a node never falls back to running alone");
        }
        ConfigNode counting = a.get("enable_socket_counting");
        if (!counting.bool(true)) {
            counting.unsupportedValue(); // sockets are always counted
        }
        return new AdapterSettings(driver, redis(a.get("redis")), cluster(a.get("cluster")), nats(a.get("nats")),
                health(a.get("cluster_health")));
    }

    private static RedisSettings redis(ConfigNode r) {
        RedisSettings d = RedisSettings.DEFAULTS;
        String url = r.get("redis_pub_options").get("url").string(d.url());
        ConfigNode sub = r.get("redis_sub_options").get("url");
        if (sub.isSet() && !sub.string(url).equals(url)) {
            sub.unsupported("publishing and subscribing use the server of redis_pub_options.url");
        }
        return new RedisSettings(
                url,
                r.get("prefix").string(d.prefix()),
                r.get("requests_timeout").longInteger(1, MAX_MS, d.requestsTimeoutMs()),
                r.get("cluster_mode").bool(d.clusterMode()));
    }

    private static RedisClusterSettings cluster(ConfigNode c) {
        RedisClusterSettings d = RedisClusterSettings.DEFAULTS;
        return new RedisClusterSettings(
                list(c.get("nodes"), d.nodes()),
                c.get("prefix").string(d.prefix()),
                c.get("request_timeout_ms").longInteger(1, MAX_MS, d.requestTimeoutMs()));
    }

    private static NatsSettings nats(ConfigNode n) {
        NatsSettings d = NatsSettings.DEFAULTS;
        return new NatsSettings(
                list(n.get("servers"), d.servers()),
                n.get("prefix").string(d.prefix()),
                n.get("request_timeout_ms").longInteger(1, MAX_MS, d.requestTimeoutMs()),
                n.get("username").optionalString(),
                n.get("password").optionalString(),
                n.get("token").optionalString(),
                n.get("connection_timeout_ms").longInteger(1, MAX_MS, d.connectionTimeoutMs()));
    }

    private static ClusterHealth health(ConfigNode h) {
        ClusterHealth d = ClusterHealth.DEFAULTS;
        ConfigNode timeout = h.get("node_timeout_ms");
        boolean enabled = h.get("enabled").bool(d.enabled());
        long heartbeat = h.get("heartbeat_interval_ms").longInteger(1, MAX_MS, d.heartbeatIntervalMs());
        long nodeTimeout = timeout.longInteger(1, MAX_MS, d.nodeTimeoutMs());
        long cleanup = h.get("cleanup_interval_ms").longInteger(1, MAX_MS, d.cleanupIntervalMs());
        try {
            return new ClusterHealth(enabled, heartbeat, nodeTimeout, cleanup);
        } catch (IllegalArgumentException e) {
            // live nodes would be taken for dead between two heartbeats
            throw timeout.problem(e.getMessage());
        }
    }

    /** A list of strings, or one comma-separated string (as the environment gives it). */
    private static List<String> list(ConfigNode n, List<String> fallback) {
        if (n.isText()) {
            return Arrays.stream(n.string("").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        return n.strings(fallback);
    }
}
