package io.sockudo.bench.load;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One measured row: named figures in a fixed order. Printed twice: aligned for people, and as
 * one {@code RESULT key=value ...} line that the scenario scripts turn into tables.
 */
final class Result {

    private final Map<String, String> values = new LinkedHashMap<>();

    Result(String scenario, String label) {
        put("scenario", scenario);
        put("label", label);
    }

    Result put(String key, String value) {
        values.put(key, value.replace(' ', '_'));
        return this;
    }

    Result put(String key, long value) {
        return put(key, Long.toString(value));
    }

    /** A measured figure; NaN means it could not be read, shown as n/a. */
    Result put(String key, double value, int decimals) {
        return put(key, Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value));
    }

    /** Percentiles of a latency histogram in microseconds, written in milliseconds. */
    Result latency(String prefix, Histogram h) {
        if (h.getTotalCount() == 0) {
            return put(prefix + "_p50_ms", "n/a").put(prefix + "_p95_ms", "n/a").put(prefix + "_p99_ms", "n/a")
                    .put(prefix + "_max_ms", "n/a");
        }
        return put(prefix + "_p50_ms", h.getValueAtPercentile(50) / 1000.0, 2)
                .put(prefix + "_p95_ms", h.getValueAtPercentile(95) / 1000.0, 2)
                .put(prefix + "_p99_ms", h.getValueAtPercentile(99) / 1000.0, 2)
                .put(prefix + "_max_ms", h.getMaxValue() / 1000.0, 2);
    }

    String get(String key) {
        return values.get(key);
    }

    void print(PrintStream out) {
        int width = 0;
        for (String k : values.keySet()) {
            width = Math.max(width, k.length());
        }
        out.println();
        for (Map.Entry<String, String> e : values.entrySet()) {
            out.printf(Locale.ROOT, "  %-" + width + "s  %s%n", e.getKey(), e.getValue());
        }
        StringBuilder line = new StringBuilder("RESULT");
        values.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        out.println(line);
        out.flush();
    }

    static double perSecond(long count, long nanos) {
        return nanos <= 0 ? 0 : count * 1e9 / nanos;
    }

    /** KiB read from the server as MiB; the probes' -1 (unreadable) becomes NaN. */
    static double mb(long kb) {
        return kb < 0 ? Double.NaN : kb / 1024.0;
    }
}
