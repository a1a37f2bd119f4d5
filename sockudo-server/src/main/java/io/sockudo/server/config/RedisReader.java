package io.sockudo.server.config;

import io.sockudo.store.redis.RedisSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads where a Redis driver connects, as sockudo does: the section's {@code url_override}
 * ({@code REDIS_URL}) for one server, else {@code database.redis} ({@code host}, {@code port},
 * {@code db}, {@code username}, {@code password}); for a Redis Cluster the seed nodes of
 * {@code database.redis.cluster.nodes} or {@code database.redis.cluster_nodes}
 * ({@code REDIS_CLUSTER_NODES}, comma-separated).
 */
final class RedisReader {

    /** sockudo's environment variables for the Redis connection. */
    static final List<EnvOverlay.Mapping> ENV = List.of(
            EnvOverlay.Mapping.of("DATABASE_REDIS_HOST", "database", "redis", "host"),
            EnvOverlay.Mapping.of("DATABASE_REDIS_PORT", "database", "redis", "port"),
            EnvOverlay.Mapping.of("DATABASE_REDIS_DB", "database", "redis", "db"),
            EnvOverlay.Mapping.of("DATABASE_REDIS_USERNAME", "database", "redis", "username"),
            EnvOverlay.Mapping.of("DATABASE_REDIS_PASSWORD", "database", "redis", "password"),
            EnvOverlay.Mapping.of("REDIS_CLUSTER_NODES", "database", "redis", "cluster_nodes"));

    private RedisReader() {
    }

    /**
     * @param section the driver's own section ({@code cache.redis}, ...), for {@code url_override}
     *                and {@code cluster_mode}
     * @param cluster whether the driver is {@code redis-cluster}
     */
    static RedisSettings read(ConfigNode root, ConfigNode section, boolean cluster) {
        ConfigNode redis = root.get("database").get("redis");
        boolean clusterMode = cluster | section.get("cluster_mode").bool(false);
        try {
            if (clusterMode) {
                ConfigNode clusterSection = redis.get("cluster");
                List<String> seeds = seeds(clusterSection.get("nodes"));
                if (seeds.isEmpty()) {
                    seeds = seeds(redis.get("cluster_nodes"));
                }
                if (seeds.isEmpty()) {
                    throw redis.get("cluster").get("nodes").problem("is required for a Redis Cluster (or "
                            + "database.redis.cluster_nodes, REDIS_CLUSTER_NODES): the host:port of some of its nodes");
                }
                String user = clusterSection.get("username").optionalString();
                String password = clusterSection.get("password").optionalString();
                return RedisSettings.cluster(seeds).withCredentials(
                        user != null ? user : redis.get("username").optionalString(),
                        password != null ? password : redis.get("password").optionalString());
            }
            ConfigNode url = section.get("url_override");
            String urlText = url.optionalString();
            if (urlText != null && !urlText.isBlank()) {
                try {
                    return RedisSettings.fromUrl(urlText, RedisSettings.DEFAULT_TIMEOUT);
                } catch (IllegalArgumentException e) {
                    throw url.problem(e.getMessage());
                }
            }
            return new RedisSettings(false,
                    List.of(new RedisSettings.Node(redis.get("host").string("127.0.0.1"), redis.get("port").integer(1, 65535, 6379))),
                    redis.get("db").integer(0, Integer.MAX_VALUE, 0),
                    redis.get("username").optionalString(),
                    redis.get("password").optionalString(),
                    RedisSettings.DEFAULT_TIMEOUT);
        } catch (IllegalArgumentException e) {
            throw redis.problem(e.getMessage());
        }
    }

    /** A list of {@code host:port}, or one comma-separated string of them. */
    private static List<String> seeds(ConfigNode n) {
        if (!n.isSet()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        List<String> given = n.isText() ? List.of(n.string("").split(",")) : n.strings(List.of());
        for (String s : given) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
