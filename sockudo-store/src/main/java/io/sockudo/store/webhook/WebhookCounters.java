package io.sockudo.store.webhook;

import java.util.concurrent.atomic.LongAdder;

/**
 * What became of webhooks. A delivery is one request body for one endpoint (a batch fans out to
 * every endpoint that wants some of its events); drops are counted in events.
 */
public final class WebhookCounters {

    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    /** Deliveries an endpoint accepted with a 2xx. */
    public long sent() {
        return sent.sum();
    }

    /** Deliveries given up on: refused with a 4xx that is not worth repeating, or out of retries. */
    public long failed() {
        return failed.sum();
    }

    /** Repeated attempts, summed over all deliveries. */
    public long retried() {
        return retried.sum();
    }

    /** Events never delivered because the queue was full or the server stopped before they went out. */
    public long dropped() {
        return dropped.sum();
    }

    void sent(long n) {
        sent.add(n);
    }

    void failed(long n) {
        failed.add(n);
    }

    void retried(long n) {
        retried.add(n);
    }

    void dropped(long n) {
        dropped.add(n);
    }

    @Override
    public String toString() {
        return "sent=" + sent() + " failed=" + failed() + " retried=" + retried() + " dropped=" + dropped();
    }
}
