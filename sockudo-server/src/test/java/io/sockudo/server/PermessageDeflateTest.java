package io.sockudo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.pusher.client.PusherOptions;
import com.pusher.client.channel.ChannelEventListener;
import com.pusher.client.channel.PusherEvent;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.JavaClients;
import io.sockudo.server.testing.NodeScript;
import io.sockudo.server.testing.TestServer;
import io.sockudo.testkit.ws.RawWebSocket;
import io.sockudo.transport.websocket.Compression;
import io.sockudo.transport.websocket.WebSocketOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * permessage-deflate end to end with the {@code ws} client: every parameter combination, the
 * stream both ways, fragmented compressed messages, the compress-once property, the bomb. See
 * tests/node/deflate/deflate-clients.mjs.
 */
class PermessageDeflateTest {

    @ParameterizedTest
    @ValueSource(strings = {"shared", "dedicated", "window1kb"})
    void nodeWsClients(String mode) {
        Compression compression = Compression.fromSockudo(mode).orElseThrow();
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().build())
                .webSocket(WebSocketOptions.defaults().withCompression(compression))
                .metrics("127.0.0.1", 0))) {
            String out = NodeScript.run("tests/node/deflate/deflate-clients.mjs", server.port(),
                    Map.of("SOCKUDO_COMPRESSION", mode, "SOCKUDO_METRICS_PORT", Integer.toString(server.metricsPort())));
            assertThat(out).contains("pass 4").contains("fail 0");
        }
    }

    private static SockudoServer server(String mode) {
        return TestServer.start(b -> b.app(TestServer.app().build())
                .webSocket(WebSocketOptions.defaults().withCompression(Compression.fromSockudo(mode).orElseThrow())));
    }

    @Test
    void pusherJavaClientOffersNothingAndWorksAsWithoutCompression() throws Exception {
        try (SockudoServer server = server("shared")) {
            com.pusher.client.Pusher client = new com.pusher.client.Pusher(TestServer.KEY,
                    new PusherOptions().setHost("127.0.0.1").setWsPort(server.port()).setUseTLS(false));
            try {
                JavaClients.connect(client, new LinkedBlockingQueue<>(), Duration.ofSeconds(5));
                CountDownLatch subscribed = new CountDownLatch(1);
                BlockingQueue<PusherEvent> events = new LinkedBlockingQueue<>();
                client.subscribe("java-deflate", new ChannelEventListener() {
                    @Override
                    public void onSubscriptionSucceeded(String channelName) {
                        subscribed.countDown();
                    }

                    @Override
                    public void onEvent(PusherEvent event) {
                        events.add(event);
                    }
                }, "tick");
                assertThat(subscribed.await(5, TimeUnit.SECONDS)).isTrue();
                String data = "{\"sym\":\"BTC\",\"note\":\"" + "repetitive text ".repeat(50) + "\"}";
                HttpApiClient.of(server).publishOk("java-deflate", "tick", data);
                PusherEvent e = events.poll(5, TimeUnit.SECONDS);
                assertThat(e).isNotNull();
                assertThat(e.getData()).isEqualTo(data);
            } finally {
                client.disconnect();
            }
        }
    }

    @Test
    void aClientWithoutTheOfferGetsNoExtensionAndPlainFrames() {
        try (SockudoServer server = server("dedicated");
             RawWebSocket ws = RawWebSocket.established(server.port(), TestServer.KEY)) {
            assertThat(ws.responseHead().toLowerCase()).doesNotContain("sec-websocket-extensions");
            ws.sendText("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"raw\"}}");
            assertThat(ws.nextText(5000)).contains("subscription_succeeded");
            String data = "repetitive text ".repeat(50);
            HttpApiClient.of(server).publishOk("raw", "tick", data);
            RawWebSocket.Frame f = ws.read(5000);
            assertThat(f.opcode()).isEqualTo(RawWebSocket.TEXT);
            assertThat(f.text()).contains("repetitive text repetitive text");
        }
    }
}
