package io.sockudo.adapter.cluster;

import java.util.Objects;

/** Where a message goes: one of the shared channels, or one node's own channel. */
public record Destination(Route route, String nodeId) {

    public enum Route { BROADCAST, REQUESTS, RESPONSES, NODE }

    public static final Destination BROADCAST = new Destination(Route.BROADCAST, null);
    public static final Destination REQUESTS = new Destination(Route.REQUESTS, null);
    public static final Destination RESPONSES = new Destination(Route.RESPONSES, null);

    public Destination {
        Objects.requireNonNull(route, "route");
        if ((route == Route.NODE) != (nodeId != null)) {
            throw new IllegalArgumentException("a node id is given exactly for the NODE route");
        }
    }

    public static Destination node(String nodeId) {
        return new Destination(Route.NODE, Objects.requireNonNull(nodeId, "nodeId"));
    }
}
