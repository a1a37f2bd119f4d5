package io.sockudo.adapter.cluster;

import java.util.Objects;

/**
 * How a {@link ClusterBackbone} behaves, whatever its server.
 *
 * @param requestTimeoutMs      how long {@link Backbone#request} waits for the peers
 * @param publishQueueCapacity  messages waiting to be published before new ones are dropped
 * @param inboundQueueCapacity  messages from peers waiting for the listener before new ones are
 *                              dropped
 */
public record BackboneOptions(long requestTimeoutMs, ClusterHealth health, int publishQueueCapacity,
                              int inboundQueueCapacity) {

    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;

    public BackboneOptions {
        Objects.requireNonNull(health, "health");
        if (requestTimeoutMs <= 0 || publishQueueCapacity <= 0 || inboundQueueCapacity <= 0) {
            throw new IllegalArgumentException("request timeout and queue capacities must be positive");
        }
    }

    public static BackboneOptions of(long requestTimeoutMs, ClusterHealth health) {
        return new BackboneOptions(requestTimeoutMs, health, DEFAULT_QUEUE_CAPACITY, DEFAULT_QUEUE_CAPACITY);
    }
}
