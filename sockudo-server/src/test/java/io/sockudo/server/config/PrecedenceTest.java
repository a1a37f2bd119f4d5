package io.sockudo.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Defaults, then the file, then the environment: one setting of each section, seen at all three levels. */
class PrecedenceTest {

    /**
     * @param file     a config file setting the value
     * @param variable the environment variable for it
     * @param envValue its text
     * @param setting  reads the setting
     * @param expected the default, the file's value and the environment's value, as the setting reads them
     */
    record Section(String name, String file, String variable, String envValue, Function<ServerConfig, Object> setting,
                   List<Object> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> sections() {
        return Stream.of(
                new Section("server", "{\"port\": 7001}", "PORT", "7002", ServerConfig::port, List.of(6001, 7001, 7002)),
                new Section("websocket", "{\"websocket\": {\"max_messages\": 10}}", "WEBSOCKET_MAX_MESSAGES", "20",
                        c -> c.webSocket().maxMessages(), List.of(1000, 10, 20)),
                new Section("channel_limits", "{\"channel_limits\": {\"cache_ttl\": 60}}", "CACHE_TTL_SECONDS", "30",
                        ServerConfig::channelCacheTtl, List.of(Duration.ofSeconds(3600), Duration.ofSeconds(60), Duration.ofSeconds(30))),
                new Section("app_manager.cache", "{\"app_manager\": {\"cache\": {\"ttl\": 60}}}", "CACHE_TTL_SECONDS", "30",
                        c -> c.appCache().ttl(), List.of(Duration.ofSeconds(300), Duration.ofSeconds(60), Duration.ofSeconds(30))),
                new Section("metrics", "{\"metrics\": {\"port\": 9700}}", "METRICS_PORT", "9800",
                        c -> c.metrics().port(), List.of(9601, 9700, 9800)),
                new Section("webhooks", "{\"webhooks\": {\"batching\": {\"size\": 5}}}", "WEBHOOK_BATCHING_SIZE", "7",
                        c -> c.webhooks().batching().size(), List.of(100, 5, 7)),
                new Section("tag_filtering", "{\"tag_filtering\": {\"enabled\": false}}", "TAG_FILTERING_ENABLED", "true",
                        c -> c.tagFiltering().enabled(), List.of(true, false, true)),
                new Section("ssl", "{\"ssl\": {\"http_port\": 8080}}", "SSL_HTTP_PORT", "8081",
                        c -> c.listener().tls().httpPort(), List.of(80, 8080, 8081)),
                new Section("cors", "{\"cors\": {\"origin\": [\"https://file.example\"]}}", "CORS_ORIGINS", "https://env.example",
                        c -> c.listener().cors().origins(), List.of(List.of("*"), List.of("https://file.example"),
                                List.of("https://env.example"))),
                new Section("cors credentials", "{\"cors\": {\"origin\": [\"https://a.example\"], \"credentials\": false}}",
                        "CORS_CREDENTIALS", "true", c -> c.listener().cors().credentials(), List.of(false, false, true)),
                new Section("app_manager.driver", "{\"app_manager\": {\"driver\": \"memory\", \"array\": {\"apps\": []}}}",
                        "SOCKUDO_DEFAULT_APP_ID", "env-app", c -> c.apps().size(), List.of(1, 0, 1))
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sections")
    void defaultsThenFileThenEnvironment(Section s) {
        Map<String, String> env = s.variable().equals("SOCKUDO_DEFAULT_APP_ID")
                ? Map.of(s.variable(), s.envValue(), "SOCKUDO_DEFAULT_APP_KEY", "k", "SOCKUDO_DEFAULT_APP_SECRET", "x")
                : Map.of(s.variable(), s.envValue());
        assertThat(s.setting().apply(Configs.read("{}"))).as("default").isEqualTo(s.expected().get(0));
        assertThat(s.setting().apply(Configs.read(s.file()))).as("file").isEqualTo(s.expected().get(1));
        assertThat(s.setting().apply(Configs.read(s.file(), env))).as("environment over file").isEqualTo(s.expected().get(2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sections")
    void anEmptyVariableLeavesTheFileAlone(Section s) {
        assertThat(s.setting().apply(Configs.read(s.file(), Map.of(s.variable(), "")))).isEqualTo(s.expected().get(1));
    }

    @org.junit.jupiter.api.Test
    void driversFollowTheSameOrderBothWays() {
        assertThat(Configs.load("{\"adapter\": {\"driver\": \"kafka\"}}", Map.of("ADAPTER_DRIVER", "local"))
                .unsupportedKeys()).isEmpty();
        assertThatThrownBy(() -> Configs.load("{\"adapter\": {\"driver\": \"local\"}}", Map.of("ADAPTER_DRIVER", "kafka")))
                .hasMessageStartingWith("environment variable ADAPTER_DRIVER \"kafka\"");
        assertThatThrownBy(() -> Configs.load("{\"unix_socket\": {\"enabled\": false}}", Map.of("UNIX_SOCKET_ENABLED", "1")))
                .hasMessageStartingWith("environment variable UNIX_SOCKET_ENABLED");
        assertThat(Configs.read("{\"ssl\": {\"redirect_http\": false}}", Map.of("SSL_REDIRECT_HTTP", "true"))
                .listener().tls().redirectHttp()).isTrue();
    }
}
