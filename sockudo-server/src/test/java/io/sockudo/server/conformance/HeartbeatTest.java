package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.EngineOptions;
import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.ClientFrames;
import io.sockudo.testkit.ws.RawWebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Liveness: client pings, server pings after silence, and the end of silent clients; with a
 * 1 s activity timeout and a 1 s pong timeout so that it all happens within seconds (checklist B).
 */
class HeartbeatTest {

    private static SockudoServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(b -> b.app(TestServer.app().build())
                .engine(EngineOptions.builder().activityTimeout(Duration.ofSeconds(1)).pongTimeout(Duration.ofSeconds(1)).build()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theHandshakeAnnouncesTheConfiguredActivityTimeout() {
        try (WsClient c = WsClient.connect(server.port(), TestServer.KEY)) {
            assertThat(c.next()).matches(Expected.ESTABLISHED_PATTERN.formatted(1));
        }
    }

    @Test
    void aClientPingIsAnsweredWithPong() {
        try (WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            c.send("{\"event\":\"pusher:ping\",\"data\":{}}");
            assertThat(c.next()).isEqualTo("{\"event\":\"pusher:pong\",\"data\":{}}");
        }
    }

    @Test
    void aSilentClientIsPingedThenClosedWith4201AndLeavesItsChannels() {
        try (WsClient silent = WsClient.established(server.port(), TestServer.KEY);
             WsClient watcher = WsClient.established(server.port(), TestServer.KEY)) {
            Join.presence(silent, "presence-heartbeat", "{\"user_id\":\"silent\"}");
            Join.presence(watcher, "presence-heartbeat", "{\"user_id\":\"watcher\"}");
            // both are watched at once: the watcher answers its pings, the silent client never does
            List<String> silentFrames = new ArrayList<>();
            String removed = null;
            long deadline = System.currentTimeMillis() + 5000;
            while ((removed == null || !silent.isClosed()) && System.currentTimeMillis() < deadline) {
                String f = silent.poll(50);
                if (f != null) {
                    silentFrames.add(f);
                }
                String w = watcher.poll(50);
                if (Expected.PING.equals(w)) {
                    watcher.send(ClientFrames.pong());
                } else if (w != null) {
                    removed = w;
                }
            }
            // frames that arrived after the last look: the close has been seen, so nothing more can come
            for (String f = silent.poll(0); f != null; f = silent.poll(0)) {
                silentFrames.add(f);
            }
            assertThat(silentFrames).hasSize(3);
            assertThat(silentFrames.get(0)).startsWith("{\"event\":\"pusher_internal:member_added\"");
            assertThat(silentFrames.get(1)).isEqualTo("{\"event\":\"pusher:ping\",\"data\":{}}");
            assertThat(Expected.error(silentFrames.get(2), 4201)).isEqualTo("Pong reply not received in time");
            assertThat(silent.closeCode(1000)).isEqualTo(4201);
            assertThat(removed).isEqualTo("{\"event\":\"pusher_internal:member_removed\",\"channel\":\"presence-heartbeat\","
                    + "\"data\":\"{\\\"user_id\\\":\\\"silent\\\"}\"}");
            assertThat(watcher.isClosed()).isFalse();
        }
    }

    @Test
    void clientsThatAnswerPingsKeepTalkingOrSendWebSocketPingsStayConnected() {
        byte[] payload = "are-you-there".getBytes(StandardCharsets.UTF_8);
        try (WsClient answering = WsClient.established(server.port(), TestServer.KEY);
             WsClient talking = WsClient.established(server.port(), TestServer.KEY);
             RawWebSocket controlFrames = RawWebSocket.established(server.port(), TestServer.KEY)) {
            boolean pinged = false;
            // longer than the activity timeout plus the pong timeout: a silent client would be gone
            long end = System.currentTimeMillis() + 2700;
            while (System.currentTimeMillis() < end) {
                talking.send(ClientFrames.ping());
                assertThat(talking.next()).as("a client that keeps talking is never pinged").isEqualTo(Expected.PONG);
                controlFrames.sendFrame(true, RawWebSocket.PING, payload);
                RawWebSocket.Frame pong = controlFrames.read(1000);
                assertThat(pong).as("answer to a WebSocket ping").isNotNull();
                assertThat(pong.opcode()).as("%s", pong).isEqualTo(RawWebSocket.PONG);
                assertThat(pong.payload()).isEqualTo(payload);
                String f = answering.poll(200);
                if (f != null) {
                    assertThat(f).isEqualTo(Expected.PING);
                    pinged = true;
                    answering.send(ClientFrames.pong());
                }
            }
            assertThat(pinged).as("the quiet client was pinged").isTrue();
            Join.stillUp(answering);
            Join.stillUp(talking);
            controlFrames.sendText(ClientFrames.ping());
            assertThat(controlFrames.nextText(1000)).as("WebSocket pings count as activity: no pusher:ping, no error")
                    .isEqualTo(Expected.PONG);
        }
    }
}
