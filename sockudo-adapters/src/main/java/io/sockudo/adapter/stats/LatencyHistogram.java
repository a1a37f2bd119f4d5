package io.sockudo.adapter.stats;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A latency histogram in milliseconds with fixed bucket bounds, as Prometheus exposes one.
 * Observing touches LongAdders only, so threads recording at once do not contend.
 */
public final class LatencyHistogram {

    /** sockudo's buckets for end-to-end times ({@code broadcast_latency_ms}). */
    public static final double[] END_TO_END_MS = {0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000};
    /** sockudo's buckets for internal operations ({@code horizontal_adapter_resolve_time}). */
    public static final double[] INTERNAL_MS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final double[] bounds;
    /** Observations per bucket, not cumulative; the last cell holds those above every bound. */
    private final LongAdder[] buckets;
    private final DoubleAdder sum = new DoubleAdder();
    private final LongAdder count = new LongAdder();

    public LatencyHistogram(double[] bounds) {
        this.bounds = bounds.clone();
        this.buckets = new LongAdder[bounds.length + 1];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    public void observe(double ms) {
        int i = 0;
        while (i < bounds.length && ms > bounds[i]) {
            i++;
        }
        buckets[i].increment();
        sum.add(ms);
        count.increment();
    }

    /** The upper bounds of the buckets, without {@code +Inf}. */
    public double[] bounds() {
        return bounds.clone();
    }

    /** Observations at most {@code bounds()[i]}, cumulative as Prometheus wants them. */
    public long[] cumulative() {
        long[] out = new long[bounds.length];
        long run = 0;
        for (int i = 0; i < bounds.length; i++) {
            run += buckets[i].sum();
            out[i] = run;
        }
        return out;
    }

    public double sum() {
        return sum.sum();
    }

    public long count() {
        return count.sum();
    }
}
