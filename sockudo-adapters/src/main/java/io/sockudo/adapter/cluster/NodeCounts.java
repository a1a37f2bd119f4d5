package io.sockudo.adapter.cluster;

import java.util.List;

/**
 * Every count of the sending node that is not zero: the receiver replaces what the node told it
 * before with these. Sent to a peer that has just come up, and to every peer after a backbone
 * outage, during which a count falling to zero may have been lost. One message, so the receiver
 * never sees a node's counts half replaced (a user would seem to go offline and back).
 */
public record NodeCounts(List<NodeCount> counts) implements ClusterMessage {

    public NodeCounts {
        counts = List.copyOf(counts);
    }
}
