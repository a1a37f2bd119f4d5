package io.sockudo.server.config;

import java.time.Duration;

/** Reads {@link OperationsConfig}, and says what becomes of sockudo's {@code cleanup.*}. */
final class OperationsReader {

    private OperationsReader() {
    }

    static OperationsConfig read(ConfigNode root) {
        OperationsConfig d = OperationsConfig.DEFAULTS;
        ConfigNode httpApi = root.get("http_api");
        ConfigNode threshold = httpApi.get("accept_traffic").get("memory_threshold");
        Double fraction = threshold.optionalDecimal(0.01, 1.0);
        ConfigNode cleanup = root.get("cleanup");
        if (cleanup.isSet()) {
            // sockudo queues disconnect cleanup to worker threads in batches; here a socket's
            // channels, presence and webhooks are released on its own I/O thread when it closes,
            // so there is no queue, batch or worker to size
            cleanup.unsupported("disconnect cleanup runs on the socket's own thread; nothing to size");
        }
        return new OperationsConfig(
                Duration.ofMillis(root.get("health_check_timeout_ms").longInteger(1, 600_000, d.healthCheckTimeout().toMillis())),
                httpApi.get("usage_enabled").bool(d.usageEnabled()),
                fraction == null ? d.acceptTrafficMemoryThreshold() : fraction);
    }
}
