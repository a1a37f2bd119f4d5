package io.sockudo.adapter.cluster;

import java.util.Objects;

/** A message with the id of the node that sent it. */
public record Envelope(String nodeId, ClusterMessage message) {

    public Envelope {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(message, "message");
    }
}
