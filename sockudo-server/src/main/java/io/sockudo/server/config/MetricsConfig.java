package io.sockudo.server.config;

import java.util.Objects;

/**
 * Where the Prometheus endpoint listens and how its metrics are named (sockudo's {@code metrics.*}).
 *
 * @param enabled          whether it is served ({@code metrics.enabled}, true)
 * @param host             its address ({@code metrics.host}, {@code 0.0.0.0})
 * @param port             its port, separate from the WebSocket port ({@code metrics.port}, 9601)
 * @param prometheusPrefix put before every metric name ({@code metrics.prometheus.prefix}, {@code sockudo_})
 */
public record MetricsConfig(boolean enabled, String host, int port, String prometheusPrefix) {

    public static final String DEFAULT_PREFIX = "sockudo_";
    public static final MetricsConfig DEFAULTS = new MetricsConfig(true, "0.0.0.0", 9601, DEFAULT_PREFIX);

    public MetricsConfig {
        Objects.requireNonNull(prometheusPrefix, "prometheusPrefix");
    }

    /** With sockudo's metric names. */
    public MetricsConfig(boolean enabled, String host, int port) {
        this(enabled, host, port, DEFAULT_PREFIX);
    }
}
