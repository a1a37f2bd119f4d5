package io.sockudo.bench.stores;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Latency histograms (recorded in microseconds) as the milliseconds of a results table. */
final class Latencies {

    private Latencies() {
    }

    static String header() {
        return "| n | p50 ms | p90 ms | p99 ms | max ms | mean ms |";
    }

    /** {@code | n | p50 | p90 | p99 | max | mean |} of a histogram in microseconds. */
    static String cells(Histogram h) {
        return String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s |", h.getTotalCount(),
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getMaxValue()), ms(Math.round(h.getMean())));
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }
}
