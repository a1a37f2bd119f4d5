package io.sockudo.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockudo.transport.websocket.Compression;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code websocket.compression} and {@code WEBSOCKET_COMPRESSION}, with sockudo's values. */
class CompressionConfigTest {

    @Test
    void offByDefaultAsInSockudo() {
        assertThat(Configs.read("{}").webSocketOptions().compression()).isEqualTo(Compression.DISABLED);
    }

    @Test
    void sockudosValuesAreRead() {
        assertThat(Configs.read("{\"websocket\": {\"compression\": \"shared\"}}").webSocketOptions().compression())
                .isEqualTo(Compression.SHARED);
        assertThat(Configs.read("{\"websocket\": {\"compression\": \"dedicated\"}}").webSocketOptions().compression())
                .isEqualTo(Compression.dedicated(32 * 1024));
        assertThat(Configs.read("{\"websocket\": {\"compression\": \"window4kb\"}}").webSocketOptions().compression())
                .isEqualTo(Compression.dedicated(4096));
    }

    @Test
    void theEnvironmentWins() {
        ServerConfig c = Configs.read("{\"websocket\": {\"compression\": \"dedicated\"}}", Map.of("WEBSOCKET_COMPRESSION", "shared"));
        assertThat(c.webSocketOptions().compression()).isEqualTo(Compression.SHARED);
    }

    @Test
    void anUnknownValueStopsTheLauncher() {
        assertThatThrownBy(() -> Configs.read("{\"websocket\": {\"compression\": \"gzip\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("websocket.compression");
    }
}
