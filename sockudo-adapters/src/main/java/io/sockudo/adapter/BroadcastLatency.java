package io.sockudo.adapter;

import io.sockudo.adapter.stats.LatencyHistogram;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One app's {@code broadcast_latency_ms}: a histogram per channel type and recipient-count bucket
 * (sockudo's {@code channel_type} and {@code recipient_count_bucket} labels). A histogram is made
 * on its first observation, so an app pays only for the combinations it uses.
 */
public final class BroadcastLatency {

    /** sockudo's {@code recipient_count_bucket} values: up to 10, 100, 1000, 10000 recipients, and more. */
    public static final String[] RECIPIENT_BUCKETS = {"xs", "sm", "md", "lg", "xl"};

    private final AtomicReferenceArray<LatencyHistogram> histograms =
            new AtomicReferenceArray<>(AppStats.CHANNEL_TYPES.length * RECIPIENT_BUCKETS.length);

    /** The index in {@link #RECIPIENT_BUCKETS} for a number of recipients (at least one). */
    public static int recipientBucket(int recipients) {
        if (recipients <= 10) {
            return 0;
        }
        if (recipients <= 100) {
            return 1;
        }
        if (recipients <= 1000) {
            return 2;
        }
        return recipients <= 10_000 ? 3 : 4;
    }

    void observe(int channelType, int recipients, double ms) {
        int i = channelType * RECIPIENT_BUCKETS.length + recipientBucket(recipients);
        LatencyHistogram h = histograms.get(i);
        if (h == null) {
            histograms.compareAndSet(i, null, new LatencyHistogram(LatencyHistogram.END_TO_END_MS));
            h = histograms.get(i);
        }
        h.observe(ms);
    }

    /**
     * The histogram of a channel type (index in {@link AppStats#CHANNEL_TYPES}) and recipient
     * bucket (index in {@link #RECIPIENT_BUCKETS}), or null when nothing was observed there.
     */
    public LatencyHistogram histogram(int channelType, int recipientBucket) {
        return histograms.get(channelType * RECIPIENT_BUCKETS.length + recipientBucket);
    }
}
