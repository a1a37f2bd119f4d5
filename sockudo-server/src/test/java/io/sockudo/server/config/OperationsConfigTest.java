package io.sockudo.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code health_check_timeout_ms}, {@code http_api.usage_enabled}, {@code http_api.accept_traffic}, {@code cleanup.*}. */
class OperationsConfigTest {

    @TempDir
    Path dir;

    private LoadedConfig load(String json, Map<String, String> env) throws Exception {
        Path file = Files.writeString(dir.resolve("config.json"), json);
        return ConfigLoader.load(file, dir, env);
    }

    @Test
    void readsHealthUsageAndTheMemoryThresholdFromTheFileAndTheEnvironmentWins() throws Exception {
        String json = """
                {"health_check_timeout_ms": 500,
                 "http_api": {"usage_enabled": false, "accept_traffic": {"memory_threshold": 0.75}}}""";
        assertThat(load(json, Map.of()).config().operations())
                .isEqualTo(new OperationsConfig(Duration.ofMillis(500), false, 0.75));
        assertThat(load(json, Map.of("HEALTH_CHECK_TIMEOUT_MS", "900", "HTTP_API_USAGE_ENABLED", "true")).config().operations())
                .isEqualTo(new OperationsConfig(Duration.ofMillis(900), true, 0.75));
    }

    @Test
    void aMemoryThresholdOutsideZeroToOneIsAnError() {
        assertThatThrownBy(() -> load("{\"http_api\": {\"accept_traffic\": {\"memory_threshold\": 90}}}", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http_api.accept_traffic.memory_threshold");
    }

    @Test
    void cleanupIsNamedOnceWithTheReasonItHasNothingToSize() throws Exception {
        LoadedConfig loaded = load("{\"cleanup\": {\"async_enabled\": true, \"batch_size\": 64, \"worker_threads\": \"auto\"}}", Map.of());
        assertThat(loaded.unsupportedKeys())
                .containsExactly("cleanup (disconnect cleanup runs on the socket's own thread; nothing to size)");
    }

    @Test
    void thePrometheusPrefixIsRead() throws Exception {
        assertThat(load("{\"metrics\": {\"prometheus\": {\"prefix\": \"pusher_\"}}}", Map.of()).config().metrics().prometheusPrefix())
                .isEqualTo("pusher_");
    }
}
