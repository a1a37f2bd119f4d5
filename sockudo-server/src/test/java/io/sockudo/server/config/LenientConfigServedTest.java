package io.sockudo.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.WsClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server started from a sockudo config with numeric ids and fractional limits serves them. */
class LenientConfigServedTest {

    private static SockudoServer start(String json, Map<String, String> extraEnv) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("HOST", "127.0.0.1", "PORT", "0", "METRICS_ENABLED", "false"));
        env.putAll(extraEnv);
        return SockudoServer.builder().config(Configs.read(json, env)).ioThreads(2).start();
    }

    @Test
    void aNumericAppIdIsServedAndAHalfKbPayloadLimitIsEnforcedToTheByte() {
        try (SockudoServer server = start("""
                {"app_manager": {"array": {"apps": [
                  {"id": 40000, "key": "numeric-key", "secret": "s", "max_event_payload_in_kb": 0.5}]}}}""", Map.of())) {
            HttpApiClient api = new HttpApiClient(server.port(), "40000", "numeric-key", "s");

            assertThat(api.publish("c", "e", "x".repeat(512)).status()).as("512 bytes fit in 0.5 KB").isEqualTo(200);
            HttpApiClient.Response tooBig = api.publish("c", "e", "x".repeat(513));
            assertThat(tooBig.status()).isEqualTo(413);
            assertThat(tooBig.body()).contains("the limit is 512");
        }
    }

    @Test
    void theFilesAppsAndTheDefaultAppFromTheEnvironmentAreBothServed() {
        try (SockudoServer server = start("""
                {"app_manager": {"array": {"apps": [{"id": "1", "key": "file-key", "secret": "s"}]}}}""",
                Map.of("SOCKUDO_DEFAULT_APP_ID", "2", "SOCKUDO_DEFAULT_APP_KEY", "env-key",
                        "SOCKUDO_DEFAULT_APP_SECRET", "t"));
             WsClient fromFile = WsClient.connect(server.port(), "file-key");
             WsClient fromEnv = WsClient.connect(server.port(), "env-key")) {
            assertThat(fromFile.next()).startsWith("{\"event\":\"pusher:connection_established\"");
            assertThat(fromEnv.next()).startsWith("{\"event\":\"pusher:connection_established\"");
        }
    }
}
