package io.sockudo.adapter.cluster;

/**
 * The sending node is alive. Exchanged by the backbone itself; listeners never see one.
 *
 * @param hello true when the sender has just started or reconnected and wants every peer to
 *              answer with a heartbeat of its own at once, instead of at its next interval
 */
public record Heartbeat(long timestampMs, boolean hello) implements ClusterMessage {
}
