package io.sockudo.adapter.cluster.drivers;

import io.sockudo.adapter.cluster.AdapterSettings;
import io.sockudo.adapter.cluster.Backbone;
import io.sockudo.adapter.cluster.BackboneOptions;
import io.sockudo.adapter.cluster.ClusterBackbone;
import io.sockudo.adapter.cluster.RedisClusterSettings;
import io.sockudo.adapter.cluster.Transport;
import io.sockudo.adapter.cluster.nats.NatsDriver;
import io.sockudo.adapter.cluster.redis.RedisDriver;
import java.util.List;
import java.util.Optional;

/**
 * The backbone that {@code adapter.driver} asks for. It lives apart from the driver-neutral
 * {@code cluster} package, which the drivers build on, so that dependencies point one way.
 */
public final class Backbones {

    private Backbones() {
    }

    /**
     * The backbone of {@code settings}, not yet started; empty for the {@code local} driver.
     *
     * @throws IllegalArgumentException for a driver this server does not have, or settings it
     *                                  cannot use: never an island that believes it is a cluster
     * @throws IllegalStateException    when the driver's client library is not on the class path
     */
    public static Optional<Backbone> create(AdapterSettings settings, String nodeId) {
        String driver = settings.driver();
        if (driver.equals("redis") && settings.redis().clusterMode()) {
            driver = "redis-cluster"; // sockudo's adapter.redis.cluster_mode
        }
        try {
            return switch (driver) {
                case "local" -> Optional.empty();
                case "redis" -> Optional.of(backbone(nodeId, RedisDriver.standalone(settings.redis()),
                        settings.redis().requestsTimeoutMs(), settings));
                case "redis-cluster" -> Optional.of(backbone(nodeId, RedisDriver.cluster(redisCluster(settings)),
                        settings.cluster().requestTimeoutMs(), settings));
                case "nats" -> Optional.of(backbone(nodeId, NatsDriver.transport(settings.nats()),
                        settings.nats().requestTimeoutMs(), settings));
                default -> throw new IllegalArgumentException("adapter.driver \"" + settings.driver()
                        + "\" is not one of " + AdapterSettings.DRIVERS);
            };
        } catch (NoClassDefFoundError e) {
            String library = driver.equals("nats") ? "io.nats:jnats" : "redis.clients:jedis";
            throw new IllegalStateException("adapter.driver \"" + driver + "\" needs " + library + " on the class path", e);
        }
    }

    /** With {@code cluster_mode}, sockudo seeds the cluster from the redis url when no node is listed. */
    private static RedisClusterSettings redisCluster(AdapterSettings settings) {
        RedisClusterSettings cluster = settings.cluster();
        if (cluster.nodes().isEmpty() && settings.redis().clusterMode()) {
            return cluster.withNodes(List.of(settings.redis().url()));
        }
        return cluster;
    }

    private static Backbone backbone(String nodeId, Transport transport, long requestTimeoutMs, AdapterSettings settings) {
        return new ClusterBackbone(nodeId, transport, BackboneOptions.of(requestTimeoutMs, settings.clusterHealth()));
    }
}
