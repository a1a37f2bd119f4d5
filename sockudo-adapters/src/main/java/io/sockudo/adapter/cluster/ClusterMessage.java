package io.sockudo.adapter.cluster;

/**
 * What one node sends another. The sending node's id travels beside the message (in the
 * envelope the codec writes), so a message never has to be stamped by its sender.
 */
public sealed interface ClusterMessage
        permits Broadcast, PresenceJoined, PresenceLeft, NodeCount, NodeCounts, Heartbeat, NodeDead, Request, Response {
}
