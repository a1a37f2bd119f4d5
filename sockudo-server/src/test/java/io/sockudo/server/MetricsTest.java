package io.sockudo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void prometheusEndpointReportsConnectionsAndTrafficWithSockudosNames() throws Exception {
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().build()).metrics("127.0.0.1", 0));
             WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            c.subscribe("metrics-channel").next();
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body())
                    .contains("sockudo_connected 1.0")
                    .contains("sockudo_new_connections_total 1.0")
                    .contains("sockudo_channel_subscriptions_total 1.0")
                    .contains("sockudo_active_channels 1.0")
                    .containsPattern("sockudo_ws_messages_sent_total [1-9]")
                    .contains("jvm_memory_used_bytes");
        }
    }
}
