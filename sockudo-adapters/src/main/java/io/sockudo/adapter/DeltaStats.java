package io.sockudo.adapter;

import java.util.concurrent.atomic.LongAdder;

/** What delta compression and filtering did, for metrics. */
public final class DeltaStats {

    final LongAdder fullMessages = new LongAdder();
    final LongAdder deltaMessages = new LongAdder();
    final LongAdder plainMessages = new LongAdder();
    final LongAdder bytesSaved = new LongAdder();
    final LongAdder syncErrors = new LongAdder();
    final LongAdder deltasComputed = new LongAdder();
    private final LongAdder filteredOut = new LongAdder();

    public long fullMessages() {
        return fullMessages.sum();
    }

    public long deltaMessages() {
        return deltaMessages.sum();
    }

    /** Messages a delta chain sent plain, without a sequence, because its deltas did not pay. */
    public long plainMessages() {
        return plainMessages.sum();
    }

    /** Bytes not sent because a delta went instead of the plain frame. */
    public long bytesSaved() {
        return bytesSaved.sum();
    }

    public long syncErrors() {
        return syncErrors.sum();
    }

    /** Delta encodings run; at most one per distinct base per message. */
    public long deltasComputed() {
        return deltasComputed.sum();
    }

    /** Deliveries a subscriber's tag filter skipped. */
    public long filteredOut() {
        return filteredOut.sum();
    }

    public void countSyncError() {
        syncErrors.increment();
    }

    public void countFilteredOut(int n) {
        if (n > 0) {
            filteredOut.add(n);
        }
    }
}
