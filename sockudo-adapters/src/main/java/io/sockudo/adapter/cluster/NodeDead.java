package io.sockudo.adapter.cluster;

import java.util.Objects;

/**
 * {@code deadNodeId} has left the cluster. A node shutting down sends it about itself, so its
 * peers need not wait for its heartbeats to time out. Consumed by the backbone itself.
 */
public record NodeDead(String deadNodeId) implements ClusterMessage {

    public NodeDead {
        Objects.requireNonNull(deadNodeId, "deadNodeId");
    }
}
