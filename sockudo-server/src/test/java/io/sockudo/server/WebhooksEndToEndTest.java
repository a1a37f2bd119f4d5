package io.sockudo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.sockudo.adapter.EngineOptions;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.Webhook;
import io.sockudo.protocol.ChannelAuth;
import io.sockudo.protocol.Signatures;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.store.webhook.WebhookSettings;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks from the engine through the dispatcher to a real HTTP receiver. */
class WebhooksEndToEndTest {

    private HttpServer receiver;
    private final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> problems = new LinkedBlockingQueue<>();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("X-Pusher-Signature");
            String key = exchange.getRequestHeaders().getFirst("X-Pusher-Key");
            if (!Signatures.hmacSha256Hex(TestServer.SECRET, body).equals(signature) || !TestServer.KEY.equals(key)
                    || !"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))
                    || !"yes".equals(exchange.getRequestHeaders().getFirst("X-Custom"))) {
                problems.add(new String(body, StandardCharsets.UTF_8));
            }
            bodies.add(new String(body, StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private SockudoServer server(Set<String> types) {
        Webhook hook = new Webhook("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", types, null, null, null,
                Map.of("X-Custom", "yes"));
        App app = TestServer.app().enableClientMessages(true).enableSubscriptionCount(true).webhooks(List.of(hook)).build();
        return TestServer.start(b -> b.app(app)
                .engine(EngineOptions.builder().webhookDebounce(Duration.ofMillis(400)).subscriptionCountInterval(Duration.ofMillis(50)).build())
                .webhookSettings(WebhookSettings.defaults().withBatching(new WebhookSettings.Batching(true, Duration.ofMillis(20), 100))));
    }

    /** Every webhook event received so far, one per line, in arrival order. */
    private final StringBuilder all = new StringBuilder();

    /** Collects webhook events (the objects inside "events") until one contains the marker; returns all so far. */
    private String eventsUntil(String marker) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!all.toString().contains(marker) && System.currentTimeMillis() < deadline) {
            String b = bodies.poll(100, TimeUnit.MILLISECONDS);
            if (b != null) {
                assertThat(b).matches("\\{\"time_ms\":\\d+,\"events\":\\[.*]}");
                all.append(b, b.indexOf('[') + 1, b.lastIndexOf(']')).append('\n');
            }
        }
        assertThat(all.toString()).contains(marker);
        return all.toString();
    }

    private static void presence(WsClient c, String channel, String userId) {
        String data = "{\"user_id\":\"" + userId + "\"}";
        String auth = ChannelAuth.signChannel(TestServer.KEY, TestServer.SECRET, c.socketId(), channel, data);
        c.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\",\"auth\":\"" + auth
                + "\",\"channel_data\":" + io.sockudo.protocol.Json.quote(data) + "}}");
        c.nextStartingWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
    }

    @Test
    void occupiedAndVacatedAreSignedAndVacatedWaitsForTheChannelToStayEmpty() throws Exception {
        try (SockudoServer server = server(Set.of("channel_occupied", "channel_vacated"))) {
            try (WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
                c.subscribe("room").next();
                assertThat(eventsUntil("channel_occupied")).contains("{\"name\":\"channel_occupied\",\"channel\":\"room\"}");
                c.send("{\"event\":\"pusher:unsubscribe\",\"data\":{\"channel\":\"room\"}}");
                c.subscribe("room").next();
            }
            // the quick leave-and-rejoin produced nothing; the final leave produces one vacated
            String events = eventsUntil("channel_vacated");
            assertThat(events).isEqualTo("{\"name\":\"channel_occupied\",\"channel\":\"room\"}\n{\"name\":\"channel_vacated\",\"channel\":\"room\"}\n");
            // a channel emptied later is vacated later: nothing about "room" may come before it
            try (WsClient s = WsClient.established(server.port(), TestServer.KEY)) {
                s.subscribe("sentinel-room").next();
            }
            assertThat(eventsUntil("{\"name\":\"channel_vacated\",\"channel\":\"sentinel-room\"}").substring(events.length()))
                    .isEqualTo("{\"name\":\"channel_occupied\",\"channel\":\"sentinel-room\"}\n"
                            + "{\"name\":\"channel_vacated\",\"channel\":\"sentinel-room\"}\n");
            assertThat(problems).isEmpty();
        }
    }

    @Test
    void membersAreAnnouncedOncePerUserAndRemovalIsDebounced() throws Exception {
        try (SockudoServer server = server(Set.of("member_added", "member_removed"))) {
            WsClient tab1 = WsClient.established(server.port(), TestServer.KEY);
            WsClient tab2 = WsClient.established(server.port(), TestServer.KEY);
            presence(tab1, "presence-room", "u1");
            presence(tab2, "presence-room", "u1");
            assertThat(eventsUntil("member_added")).contains("{\"name\":\"member_added\",\"channel\":\"presence-room\",\"user_id\":\"u1\"}");
            String before = all.toString();
            // the server lets go of a connection before it acknowledges its close
            tab1.close();
            // a member who leaves later is removed later: nothing about u1 may come before it
            WsClient sentinel = WsClient.established(server.port(), TestServer.KEY);
            presence(sentinel, "presence-room", "u2");
            sentinel.close();
            assertThat(eventsUntil("{\"name\":\"member_removed\",\"channel\":\"presence-room\",\"user_id\":\"u2\"}").substring(before.length()))
                    .as("u1 still has a tab").isEqualTo("{\"name\":\"member_added\",\"channel\":\"presence-room\",\"user_id\":\"u2\"}\n"
                            + "{\"name\":\"member_removed\",\"channel\":\"presence-room\",\"user_id\":\"u2\"}\n");
            tab2.close();
            String removed = "{\"name\":\"member_removed\",\"channel\":\"presence-room\",\"user_id\":\"u1\"}";
            assertThat(eventsUntil(removed)).contains(removed);
            assertThat(problems).isEmpty();
        }
    }

    @Test
    void clientEventsCarryTheSenderAndItsUserOnPresenceChannels() throws Exception {
        try (SockudoServer server = server(Set.of("client_event"));
             WsClient a = WsClient.established(server.port(), TestServer.KEY);
             WsClient b = WsClient.established(server.port(), TestServer.KEY)) {
            presence(a, "presence-chat", "alice");
            presence(b, "presence-chat", "bob");
            a.send("{\"event\":\"client-typing\",\"channel\":\"presence-chat\",\"data\":{\"on\":true}}");
            assertThat(b.nextStartingWith("{\"event\":\"client-typing\"")).isEqualTo(
                    "{\"event\":\"client-typing\",\"channel\":\"presence-chat\",\"data\":{\"on\":true},\"user_id\":\"alice\"}");
            assertThat(eventsUntil("client_event")).contains("{\"name\":\"client_event\",\"channel\":\"presence-chat\",\"event\":\"client-typing\","
                    + "\"data\":\"{\\\"on\\\":true}\",\"socket_id\":\"" + a.socketId() + "\",\"user_id\":\"alice\"}");
        }
    }

    @Test
    void cacheMissAndSubscriptionCount() throws Exception {
        try (SockudoServer server = server(Set.of("cache_miss", "subscription_count"));
             WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            c.subscribe("cache-quotes");
            assertThat(c.next()).startsWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
            assertThat(c.next()).isEqualTo("{\"event\":\"pusher:cache_miss\",\"channel\":\"cache-quotes\"}");
            eventsUntil("subscription_count");
            assertThat(eventsUntil("cache_miss")).contains("{\"name\":\"cache_miss\",\"channel\":\"cache-quotes\"}")
                    .contains("{\"name\":\"subscription_count\",\"channel\":\"cache-quotes\",\"subscription_count\":1}");
            assertThat(c.nextStartingWith("{\"event\":\"pusher_internal:subscription_count\"")).isEqualTo(
                    "{\"event\":\"pusher_internal:subscription_count\",\"channel\":\"cache-quotes\",\"data\":\"{\\\"subscription_count\\\":1}\"}");
        }
    }
}
