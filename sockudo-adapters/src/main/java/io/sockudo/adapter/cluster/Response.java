package io.sockudo.adapter.cluster;

import java.util.Objects;

/** One node's {@link Answer} to the request {@code requestId}. */
public record Response(String requestId, Answer answer) implements ClusterMessage {

    public Response {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(answer, "answer");
    }
}
