package io.sockudo.bench.load;

import org.HdrHistogram.Histogram;

/**
 * Per-message counters of one selector thread: plain fields, touched only by that thread, read
 * by the controller through {@link #snapshot} run on the same thread. Counters that differ
 * between plain and delta-compressed connections are kept per group (0 plain, 1 delta).
 */
final class LoopStats {

    /** Latencies are recorded in microseconds, up to ten minutes. */
    static final long MAX_MICROS = 600_000_000L;

    final long[] wireBytes = new long[2];
    final long[] textFrames = new long[2];
    final long[] deliveries = new long[2];
    final long[] deliveryBytes = new long[2];
    final long[] deltaFrames = new long[2];
    long memberAdded;
    long memberRemoved;
    long pings;
    long otherFrames;
    long firstDeliveryNanos;
    long lastDeliveryNanos;

    Histogram deliveryLatency = histogram();
    Histogram memberLatency = histogram();
    Histogram connectLatency = histogram();
    Histogram subscribeLatency = histogram();

    static Histogram histogram() {
        return new Histogram(MAX_MICROS, 3);
    }

    static void record(Histogram h, long micros) {
        h.recordValue(Math.max(0, Math.min(MAX_MICROS, micros)));
    }

    void delivered(int group, int bytes, long nowNanos) {
        deliveries[group]++;
        deliveryBytes[group] += bytes;
        if (firstDeliveryNanos == 0) {
            firstDeliveryNanos = nowNanos;
        }
        lastDeliveryNanos = nowNanos;
    }

    /** Copies the counters; with {@code resetLatencies}, the histograms start over. */
    Snapshot snapshot(boolean resetLatencies) {
        Snapshot s = new Snapshot(wireBytes.clone(), textFrames.clone(), deliveries.clone(), deliveryBytes.clone(),
                deltaFrames.clone(), memberAdded, memberRemoved, pings, otherFrames, firstDeliveryNanos, lastDeliveryNanos,
                deliveryLatency.copy(), memberLatency.copy(), connectLatency.copy(), subscribeLatency.copy());
        if (resetLatencies) {
            deliveryLatency = histogram();
            memberLatency = histogram();
            connectLatency = histogram();
            subscribeLatency = histogram();
            firstDeliveryNanos = 0;
            lastDeliveryNanos = 0;
        }
        return s;
    }

    /** The counters at one moment, summed over selector threads with {@link #plus}. */
    record Snapshot(long[] wireBytes, long[] textFrames, long[] deliveries, long[] deliveryBytes, long[] deltaFrames,
                    long memberAdded, long memberRemoved, long pings, long otherFrames,
                    long firstDeliveryNanos, long lastDeliveryNanos,
                    Histogram deliveryLatency, Histogram memberLatency, Histogram connectLatency, Histogram subscribeLatency) {

        static Snapshot empty() {
            return new LoopStats().snapshot(false);
        }

        Snapshot plus(Snapshot o) {
            Histogram d = deliveryLatency.copy();
            d.add(o.deliveryLatency);
            Histogram m = memberLatency.copy();
            m.add(o.memberLatency);
            Histogram c = connectLatency.copy();
            c.add(o.connectLatency);
            Histogram s = subscribeLatency.copy();
            s.add(o.subscribeLatency);
            return new Snapshot(sum(wireBytes, o.wireBytes), sum(textFrames, o.textFrames), sum(deliveries, o.deliveries),
                    sum(deliveryBytes, o.deliveryBytes), sum(deltaFrames, o.deltaFrames),
                    memberAdded + o.memberAdded, memberRemoved + o.memberRemoved, pings + o.pings, otherFrames + o.otherFrames,
                    earliest(firstDeliveryNanos, o.firstDeliveryNanos), Math.max(lastDeliveryNanos, o.lastDeliveryNanos),
                    d, m, c, s);
        }

        long deliveriesTotal() {
            return deliveries[0] + deliveries[1];
        }

        private static long earliest(long a, long b) {
            return a == 0 ? b : b == 0 ? a : Math.min(a, b);
        }

        private static long[] sum(long[] a, long[] b) {
            long[] out = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i] + b[i];
            }
            return out;
        }
    }
}
