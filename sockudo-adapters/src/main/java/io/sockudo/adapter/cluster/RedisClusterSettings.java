package io.sockudo.adapter.cluster;

import java.util.List;
import java.util.Objects;

/**
 * sockudo's {@code adapter.cluster}: a Redis Cluster.
 *
 * @param nodes seed nodes, {@code host:port} or {@code redis://host:port} ({@code REDIS_CLUSTER_NODES})
 */
public record RedisClusterSettings(List<String> nodes, String prefix, long requestTimeoutMs) {

    public static final RedisClusterSettings DEFAULTS = new RedisClusterSettings(List.of(), AdapterSettings.DEFAULT_PREFIX, 1_000);

    public RedisClusterSettings {
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(prefix, "prefix");
    }

    public RedisClusterSettings withNodes(List<String> nodes) {
        return new RedisClusterSettings(nodes, prefix, requestTimeoutMs);
    }
}
