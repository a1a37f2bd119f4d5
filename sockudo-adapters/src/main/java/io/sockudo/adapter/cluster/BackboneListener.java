package io.sockudo.adapter.cluster;

import java.util.concurrent.CompletionStage;

/**
 * What a {@link Backbone} tells its node. All calls come from the backbone's own thread, one at
 * a time; they must not block (hand work to the engine's threads instead).
 */
public interface BackboneListener {

    /** A {@link Broadcast}, {@link PresenceJoined}, {@link PresenceLeft}, {@link NodeCount} or {@link NodeCounts} from a peer. */
    void onMessage(Envelope envelope);

    /**
     * A peer asks about this node's own state. The answer is sent when the returned stage
     * completes, from whatever thread completes it; a null stage, or one that fails, sends
     * nothing (the asking node then times out).
     */
    CompletionStage<Answer> onQuery(String fromNode, Query query);

    /** A node not known alive until now was heard from (once per time it comes alive). */
    default void onPeerUp(String nodeId) {
    }

    /**
     * A peer left: it said so, or nothing was heard from it for
     * {@code cluster_health.node_timeout_ms}. Told once per time the peer was up.
     */
    default void onPeerDead(String nodeId) {
    }

    /** The backbone is connected and subscribed (first time, or again after an outage). */
    default void onBackboneUp() {
    }

    /** The backbone lost its connection; it reconnects by itself. */
    default void onBackboneDown() {
    }
}
