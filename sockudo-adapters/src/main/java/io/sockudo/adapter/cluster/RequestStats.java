package io.sockudo.adapter.cluster;

import io.sockudo.adapter.stats.LatencyHistogram;
import java.util.concurrent.atomic.LongAdder;

/**
 * One app's requests between nodes, as this node saw them: sockudo's
 * {@code horizontal_adapter_*} families. Live counters, updated on the backbone's event thread
 * and read by metrics from any.
 */
public final class RequestStats {

    private final LongAdder sent = new LongAdder();
    private final LongAdder receivedRequests = new LongAdder();
    private final LongAdder receivedResponses = new LongAdder();
    private final LongAdder resolved = new LongAdder();
    private final LongAdder uncomplete = new LongAdder();
    private final LatencyHistogram resolveTime = new LatencyHistogram(LatencyHistogram.INTERNAL_MS);

    void sent() {
        sent.increment();
    }

    void requestReceived() {
        receivedRequests.increment();
    }

    void responseReceived() {
        receivedResponses.increment();
    }

    /** A request of this node ended: every expected peer answered ({@code complete}), or it timed out. */
    void ended(boolean complete, long nanos) {
        (complete ? resolved : uncomplete).increment();
        resolveTime.observe(nanos / 1_000_000.0);
    }

    /** Requests this node sent to its peers. */
    public long sentRequests() {
        return sent.sum();
    }

    /** Requests from peers this node received. */
    public long receivedRequests() {
        return receivedRequests.sum();
    }

    /** Answers from peers to this node's requests. */
    public long receivedResponses() {
        return receivedResponses.sum();
    }

    /** This node's requests that every expected peer answered in time. */
    public long resolvedPromises() {
        return resolved.sum();
    }

    /** This node's requests that timed out with answers missing (or were cut short by the backbone closing). */
    public long uncompletePromises() {
        return uncomplete.sum();
    }

    /** Time from a request going out to its end (all answered, or timed out), in milliseconds. */
    public LatencyHistogram resolveTime() {
        return resolveTime;
    }

    @Override
    public String toString() {
        return "RequestStats[sent=" + sentRequests() + ", receivedRequests=" + receivedRequests() + ", receivedResponses="
                + receivedResponses() + ", resolved=" + resolvedPromises() + ", uncomplete=" + uncompletePromises() + "]";
    }
}
