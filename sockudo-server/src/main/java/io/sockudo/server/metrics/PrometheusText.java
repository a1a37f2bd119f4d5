package io.sockudo.server.metrics;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes the Prometheus text format (0.0.4) with exact names: micrometer would add {@code _total}
 * to every counter, and sockudo's {@code socket_received_bytes} is a counter without it, which a
 * dashboard written for sockudo queries by that name.
 */
final class PrometheusText {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private final StringBuilder out = new StringBuilder(16 * 1024);
    private final String prefix;

    PrometheusText(String prefix) {
        if (!prefix.isEmpty() && !NAME.matcher(prefix).matches()) {
            throw new IllegalArgumentException("not a Prometheus metric name prefix: " + prefix);
        }
        this.prefix = prefix;
    }

    /** Whether a prefix makes valid metric names. */
    static boolean validPrefix(String prefix) {
        return prefix.isEmpty() || NAME.matcher(prefix).matches();
    }

    /** Starts a family: {@code # HELP} and {@code # TYPE} lines. */
    PrometheusText family(String name, String type, String help) {
        out.append("# HELP ").append(prefix).append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(prefix).append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** One sample; {@code labels} alternate names and values. */
    PrometheusText sample(String name, double value, String... labels) {
        out.append(prefix).append(name);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels[i]).append("=\"");
                escape(labels[i + 1]);
                out.append('"');
            }
            out.append('}');
        }
        out.append(' ').append(format(value)).append('\n');
        return this;
    }

    private void escape(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%s", v);
    }

    /** Appends text already in the format (the JVM metrics). */
    PrometheusText raw(String text) {
        out.append(text);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
