package io.sockudo.server.config;

/**
 * Where the Prometheus endpoint listens (sockudo's {@code metrics.*}).
 *
 * @param enabled whether it is served ({@code metrics.enabled}, true)
 * @param host    its address ({@code metrics.host}, {@code 0.0.0.0})
 * @param port    its port, separate from the WebSocket port ({@code metrics.port}, 9601)
 */
public record MetricsConfig(boolean enabled, String host, int port) {

    public static final MetricsConfig DEFAULTS = new MetricsConfig(true, "0.0.0.0", 9601);
}
