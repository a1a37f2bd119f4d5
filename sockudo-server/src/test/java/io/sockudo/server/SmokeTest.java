package io.sockudo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import org.junit.jupiter.api.Test;

class SmokeTest {

    @Test
    void connectsSubscribesAndPings() {
        try (SockudoServer server = TestServer.start();
             WsClient c = WsClient.connect(server.port(), TestServer.KEY)) {
            String established = c.next();
            assertThat(established).matches("\\{\"event\":\"pusher:connection_established\",\"data\":\"\\{\\\\\"socket_id\\\\\":\\\\\"\\d+\\.\\d+\\\\\",\\\\\"activity_timeout\\\\\":120}\"}");
            c.send("{\"event\":\"pusher:ping\",\"data\":{}}");
            assertThat(c.next()).isEqualTo("{\"event\":\"pusher:pong\",\"data\":{}}");
            c.subscribe("my-channel");
            assertThat(c.next()).isEqualTo("{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"my-channel\",\"data\":\"{}\"}");
        }
    }
}
