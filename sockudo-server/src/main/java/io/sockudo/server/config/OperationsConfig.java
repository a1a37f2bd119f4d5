package io.sockudo.server.config;

import java.time.Duration;

/**
 * Health, usage and load shedding: the operator-facing settings of sockudo's HTTP side.
 *
 * @param healthCheckTimeout        how long {@code /up} waits for each component ({@code health_check_timeout_ms}, 2000)
 * @param usageEnabled              whether {@code GET /usage} is served ({@code http_api.usage_enabled}, true)
 * @param acceptTrafficMemoryThreshold the fraction of the machine's memory in use above which signed HTTP API
 *                                  requests are refused with 503 ({@code http_api.accept_traffic.memory_threshold},
 *                                  0.90; 1 never refuses)
 */
public record OperationsConfig(Duration healthCheckTimeout, boolean usageEnabled, double acceptTrafficMemoryThreshold) {

    public static final OperationsConfig DEFAULTS = new OperationsConfig(Duration.ofMillis(2000), true, 0.90);
}
