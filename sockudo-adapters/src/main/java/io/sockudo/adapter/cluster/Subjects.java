package io.sockudo.adapter.cluster;

/**
 * The names of a cluster's channels on one kind of server, built from the configured prefix as
 * sockudo builds them, so nodes of both can share a server.
 */
public record Subjects(String broadcast, String requests, String responses, String nodePrefix) {

    /** Redis and Redis Cluster: {@code {prefix}:#broadcast}, …, {@code {prefix}:#node:{id}}. */
    public static Subjects redis(String prefix) {
        return new Subjects(prefix + ":#broadcast", prefix + ":#requests", prefix + ":#responses", prefix + ":#node:");
    }

    /** NATS: {@code {prefix}.broadcast}, …, {@code {prefix}.node.{id}}. */
    public static Subjects nats(String prefix) {
        return new Subjects(prefix + ".broadcast", prefix + ".requests", prefix + ".responses", prefix + ".node.");
    }

    public String of(Destination d) {
        return switch (d.route()) {
            case BROADCAST -> broadcast;
            case REQUESTS -> requests;
            case RESPONSES -> responses;
            case NODE -> nodePrefix + d.nodeId();
        };
    }
}
