package io.sockudo.adapter;

import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

/** What delta compression and filtering did, for metrics. */
public final class DeltaStats {

    final LongAdder fullMessages = new LongAdder();
    final LongAdder deltaMessages = new LongAdder();
    final LongAdder plainMessages = new LongAdder();
    final LongAdder bytesSaved = new LongAdder();
    final LongAdder originalBytes = new LongAdder();
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

    /** The plain size of the messages that went as deltas: what {@link #bytesSaved} is saved from. */
    public long originalBytes() {
        return originalBytes.sum();
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

    /** Counters that are the sums of several (each app's, for a node's totals). */
    static DeltaStats sum(Collection<DeltaStats> parts) {
        DeltaStats t = new DeltaStats();
        for (DeltaStats p : parts) {
            t.fullMessages.add(p.fullMessages());
            t.deltaMessages.add(p.deltaMessages());
            t.plainMessages.add(p.plainMessages());
            t.bytesSaved.add(p.bytesSaved());
            t.originalBytes.add(p.originalBytes());
            t.syncErrors.add(p.syncErrors());
            t.deltasComputed.add(p.deltasComputed());
            t.filteredOut.add(p.filteredOut());
        }
        return t;
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
