package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.Webhook;
import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.AppSigner;
import io.sockudo.testkit.JsonTree;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks as an app's endpoint receives them: a signed POST with Pusher's envelope, only the
 * event types and channels the endpoint asked for, with its own headers (checklist O 97).
 */
class WebhookDeliveryTest {

    /** One request as the endpoint saw it. */
    private record Received(String method, String path, Map<String, List<String>> headers, String body) {

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        List<Object> events() {
            return JsonTree.list(JsonTree.object(body).get("events"));
        }
    }

    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private HttpServer endpoint;

    @BeforeEach
    void startEndpoint() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        endpoint.start();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + endpoint.getAddress().getPort() + path;
    }

    private Received next() {
        try {
            Received r = received.poll(5, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("no webhook request within 5 s");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private SockudoServer serverWith(Webhook... webhooks) {
        App app = TestServer.app().webhooks(List.of(webhooks)).build();
        return TestServer.startWith(app);
    }

    @Test
    void aWebhookIsACompactJsonPostSignedWithTheAppSecret() {
        long before = System.currentTimeMillis();
        try (SockudoServer server = serverWith(Webhook.of(url("/hook"), Set.of("channel_occupied")));
             WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            Join.publicChannel(c, "hooked");
            Received r = next();
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/hook");
            assertThat(r.header("Content-Type")).startsWith("application/json");
            assertThat(r.header("X-Pusher-Key")).isEqualTo(TestServer.KEY);
            assertThat(r.header("X-Pusher-Signature")).isEqualTo(AppSigner.testApp().hmac(r.body()));
            assertThat(r.body()).matches("\\{\"time_ms\":\\d+,\"events\":\\[\\{\"name\":\"channel_occupied\",\"channel\":\"hooked\"}]}");
            long timeMs = (Long) JsonTree.object(r.body()).get("time_ms");
            assertThat(timeMs).isBetween(before - 1000, System.currentTimeMillis() + 1000);
        }
    }

    @Test
    void onlyTheEventTypesAndChannelsAnEndpointAskedForAreSentToIt() {
        Webhook watched = new Webhook(url("/watched"), Set.of("channel_occupied"), "watched-", null, null, Map.of());
        Webhook everything = Webhook.of(url("/all"), Set.of("channel_occupied", "channel_vacated"));
        try (SockudoServer server = serverWith(watched, everything);
             WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            Join.publicChannel(c, "other");
            Join.publicChannel(c, "watched-1");
            long deadline = System.currentTimeMillis() + 5000;
            List<Object> toWatched = new java.util.ArrayList<>();
            List<Object> toAll = new java.util.ArrayList<>();
            while ((toWatched.size() < 1 || toAll.size() < 2) && System.currentTimeMillis() < deadline) {
                Received r = next();
                (r.path().equals("/watched") ? toWatched : toAll).addAll(r.events());
            }
            assertThat(toWatched).containsExactly(Map.of("name", "channel_occupied", "channel", "watched-1"));
            assertThat(toAll).containsExactlyInAnyOrder(
                    Map.of("name", "channel_occupied", "channel", "other"),
                    Map.of("name", "channel_occupied", "channel", "watched-1"));
        }
    }

    @Test
    void anEndpointsOwnHeadersAreSentButCannotReplaceTheSignature() {
        Webhook withHeaders = new Webhook(url("/headers"), Set.of("channel_occupied"), null, null,
                Pattern.compile("headed"), Map.of("X-Tenant", "acme", "X-Pusher-Signature", "forged"));
        try (SockudoServer server = serverWith(withHeaders);
             WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            Join.publicChannel(c, "headed");
            Received r = next();
            assertThat(r.header("X-Tenant")).isEqualTo("acme");
            assertThat(r.header("X-Pusher-Signature")).isEqualTo(AppSigner.testApp().hmac(r.body()));
        }
    }
}
