package io.sockudo.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server built from a config serves what the config says. */
class ServerFromConfigTest {

    /** Starts on loopback with metrics off, unless the config says otherwise. */
    private static SockudoServer start(String json) {
        Map<String, String> env = Map.of("HOST", "127.0.0.1", "PORT", "0", "METRICS_ENABLED", "false");
        return SockudoServer.builder().config(Configs.read(json, env)).ioThreads(2).start();
    }

    @Test
    void servesTheConfiguredAppsWithTheConfiguredActivityTimeout() {
        try (SockudoServer server = start("""
                {"activity_timeout": 42,
                 "app_manager": {"array": {"apps": [
                   {"id": "7", "key": "config-key", "secret": "config-secret", "enable_client_messages": true}]}}}""");
             WsClient client = WsClient.connect(server.port(), "config-key");
             WsClient stranger = WsClient.connect(server.port(), "app-key")) {

            assertThat(client.next()).startsWith("{\"event\":\"pusher:connection_established\"")
                    .contains("\\\"activity_timeout\\\":42");
            assertThat(stranger.next()).as("the default app is gone once apps are configured")
                    .startsWith("{\"event\":\"pusher:error\"").contains("4001");
        }
    }

    @Test
    void startsWithNoAppsAndRefusesConnections() {
        try (SockudoServer server = start("{\"app_manager\": {\"array\": {\"apps\": []}}}");
             WsClient client = WsClient.connect(server.port(), "app-key")) {
            assertThat(client.next()).startsWith("{\"event\":\"pusher:error\"").contains("4001");
        }
    }

    @Test
    void servesMetricsWhereTheConfigSays() throws Exception {
        ServerConfig config = Configs.read("{\"metrics\": {\"host\": \"127.0.0.1\", \"port\": 0}}",
                Map.of("HOST", "127.0.0.1", "PORT", "0"));
        try (SockudoServer server = SockudoServer.builder().config(config).ioThreads(2).start()) {
            assertThat(server.metricsPort()).isPositive().isNotEqualTo(server.port());
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("sockudo_");
        }
    }

    @Test
    void metricsCanBeSwitchedOff() {
        try (SockudoServer server = start("{}")) {
            assertThat(server.metricsPort()).isEqualTo(-1);
        }
    }

    @Test
    void closesASocketThatSendsMoreThanTheConfiguredPayloadLimit() {
        try (SockudoServer server = start("{\"websocket_max_payload_kb\": 1}");
             WsClient client = WsClient.established(server.port(), "app-key")) {
            client.send("{\"event\":\"pusher:ping\",\"data\":\"" + "x".repeat(2048) + "\"}");
            assertThat(client.closeCode(5000)).as("message too big").isEqualTo(1009);
        }
    }
}
