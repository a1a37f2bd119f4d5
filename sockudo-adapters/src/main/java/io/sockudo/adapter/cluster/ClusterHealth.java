package io.sockudo.adapter.cluster;

/**
 * sockudo's {@code adapter.cluster_health}: how often a node says it is alive and how long its
 * silence takes to make it dead.
 *
 * @param enabled when false, peers are never declared dead by silence (only by their own
 *                departure); heartbeats still go out, since they are how nodes find each other
 */
public record ClusterHealth(boolean enabled, long heartbeatIntervalMs, long nodeTimeoutMs, long cleanupIntervalMs) {

    public static final ClusterHealth DEFAULTS = new ClusterHealth(true, 10_000, 30_000, 10_000);

    public ClusterHealth {
        if (heartbeatIntervalMs <= 0 || nodeTimeoutMs <= 0 || cleanupIntervalMs <= 0) {
            throw new IllegalArgumentException("cluster_health intervals must be positive");
        }
        // a peer must be able to miss two heartbeats before it is taken for dead
        if (heartbeatIntervalMs * 3 > nodeTimeoutMs) {
            throw new IllegalArgumentException("cluster_health.heartbeat_interval_ms (" + heartbeatIntervalMs
                    + ") must be at most a third of node_timeout_ms (" + nodeTimeoutMs + ")");
        }
    }
}
