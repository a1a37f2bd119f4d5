package io.sockudo.adapter.cluster;

import io.sockudo.adapter.health.Health;
import io.sockudo.adapter.health.HealthCheck;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Messaging between the nodes of one cluster: broadcast to every peer, send to one, ask every
 * peer and gather the answers, and know which peers are alive.
 *
 * <p>Delivery is at most once: what is published while the backbone is down, or when the
 * outgoing queue is full, may be lost (and is counted in {@link #stats()}); nothing is ever
 * delivered twice, and messages from one node reach each other node in the order they were
 * published. A node never receives its own messages.
 *
 * <p>Every method may be called from any thread and none blocks: publishing only queues.
 * Listener callbacks and the completion of {@link #request} futures happen on one thread owned
 * by the backbone, one at a time, in arrival order.
 */
public interface Backbone extends AutoCloseable, HealthCheck {

    /** This node's id, carried as {@code node_id} by everything it sends. */
    String nodeId();

    /**
     * Connects, subscribes and starts the heartbeats; returns without waiting for the
     * connection, which is retried until it succeeds ({@link BackboneListener#onBackboneUp}).
     * Called once.
     */
    void start(BackboneListener listener);

    /**
     * Queues a message for every other node: a {@link Broadcast}, {@link PresenceJoined},
     * {@link PresenceLeft}, {@link NodeCount} or {@link NodeCounts}.
     *
     * @return false when it was dropped: the outgoing queue is full or the backbone is closed
     */
    boolean publish(ClusterMessage message);

    /** Queues a message for one node only; see {@link #publish}. */
    boolean send(String nodeId, ClusterMessage message);

    /**
     * Asks every live peer. The future completes when every peer alive at the time of the call
     * has answered ({@link Aggregate#complete()} true), or after the request timeout with what
     * arrived (false) — at once when there is no peer, or when the backbone is down or closed.
     * It never completes exceptionally.
     */
    CompletableFuture<Aggregate> request(Query query);

    /** The peers currently considered alive (this node excluded). */
    Set<String> peers();

    /** Whether the backbone is connected to its server now. */
    boolean connected();

    /**
     * Healthy while {@link #connected()}: a node cut off from its backbone serves its own clients
     * only, which sockudo's {@code /up} reports as the adapter failing (critical, so {@code ERROR}).
     */
    @Override
    default CompletableFuture<Health> health() {
        return connected() ? Health.okNow()
                : CompletableFuture.completedFuture(Health.down("node " + nodeId() + " is not connected to the cluster's server"));
    }

    BackboneStats stats();

    /**
     * Tells the peers this node is leaving, sends what is queued (bounded in time), then
     * disconnects. Pending requests complete as incomplete.
     */
    @Override
    void close();
}
