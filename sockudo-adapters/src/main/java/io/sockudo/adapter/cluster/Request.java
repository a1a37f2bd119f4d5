package io.sockudo.adapter.cluster;

import java.util.Objects;

/** A {@link Query} on the wire, under the id its answers will carry. */
public record Request(String requestId, Query query) implements ClusterMessage {

    public Request {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(query, "query");
    }
}
