package io.sockudo.server.config;

import static io.sockudo.server.config.Configs.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The keys that bound HTTP API request bodies: size, memory in flight, time to arrive. */
class HttpApiBodyConfigTest {

    @Test
    void unsetTheyTakeTheirDefaults() {
        ServerConfig c = read("{}");
        assertThat(c.maxHttpBodyBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(c.httpApiBodyMemoryBytes()).as("0: derived from the body limit").isZero();
        assertThat(c.httpApiBodyTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theyAreRead() {
        ServerConfig c = read("{\"http_api\": {\"request_limit_in_mb\": 4, \"body_memory_limit_in_mb\": 16, \"request_body_timeout_ms\": 2500}}");
        assertThat(c.maxHttpBodyBytes()).isEqualTo(4L * 1024 * 1024);
        assertThat(c.httpApiBodyMemoryBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(c.httpApiBodyTimeout()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void memoryThatCannotHoldTheLargestBodyIsAnError() {
        assertThatThrownBy(() -> read("{\"http_api\": {\"request_limit_in_mb\": 20, \"body_memory_limit_in_mb\": 10}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http_api.body_memory_limit_in_mb")
                .hasMessageContaining("at least http_api.request_limit_in_mb (20)");
        assertThatThrownBy(() -> read("{\"http_api\": {\"request_body_timeout_ms\": 0}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http_api.request_body_timeout_ms");
    }
}
