package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.JsonTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Publishing through the HTTP API: delivery, exclusion, info, validation, batches (checklist M, and 27). */
class HttpApiPublishTest {

    private static SockudoServer server;
    private static HttpApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.start(b -> b.app(TestServer.app().build()).maxHttpBodyBytes(64 * 1024));
        api = HttpApiClient.of(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String event(String name, String channelsJson, String data, String extra) {
        return "{\"name\":" + JsonTree.quote(name) + "," + channelsJson + ",\"data\":" + JsonTree.quote(data) + extra + "}";
    }

    @Test
    void anEventReachesEverySubscriberWithItsDataVerbatim() {
        String data = "{\"message\":\"hello\",\"weirdVariable\":\"abc/d\"}";
        try (WsClient a = WsClient.established(server.port(), TestServer.KEY);
             WsClient b = WsClient.established(server.port(), TestServer.KEY);
             WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            for (WsClient each : List.of(a, b, c)) {
                Join.publicChannel(each, "my-channel");
            }
            HttpApiClient.Response r = api.publish("my-channel", "greeting", data);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{}");
            String expected = "{\"event\":\"greeting\",\"channel\":\"my-channel\",\"data\":\"{\\\"message\\\":\\\"hello\\\",\\\"weirdVariable\\\":\\\"abc/d\\\"}\"}";
            assertThat(a.next()).isEqualTo(expected);
            assertThat(b.next()).isEqualTo(expected);
            assertThat(c.next()).isEqualTo(expected);
        }
    }

    @Test
    void anEventForSeveralChannelsReachesEachOfThem() {
        try (WsClient a = WsClient.established(server.port(), TestServer.KEY);
             WsClient b = WsClient.established(server.port(), TestServer.KEY)) {
            Join.publicChannel(a, "multi-a");
            Join.publicChannel(b, "multi-b");
            HttpApiClient.Response r = api.post("/events", event("both", "\"channels\":[\"multi-a\",\"multi-b\"]", "x", ""));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(a.next()).isEqualTo(Expected.event("both", "multi-a", "x"));
            assertThat(b.next()).isEqualTo(Expected.event("both", "multi-b", "x"));
        }
    }

    @Test
    void theSocketNamedBySocketIdDoesNotGetTheEvent() {
        try (WsClient sender = WsClient.established(server.port(), TestServer.KEY);
             WsClient other = WsClient.established(server.port(), TestServer.KEY)) {
            Join.publicChannel(sender, "excluding");
            Join.publicChannel(other, "excluding");
            String body = event("echo", "\"channel\":\"excluding\"", "1", ",\"socket_id\":" + JsonTree.quote(sender.socketId()));
            assertThat(api.post("/events", body).status()).isEqualTo(200);
            assertThat(other.next()).isEqualTo(Expected.event("echo", "excluding", "1"));
            api.publishOk("excluding", "marker", "2");
            assertThat(sender.next()).as("the excluded socket's next frame").isEqualTo(Expected.event("marker", "excluding", "2"));
        }
    }

    @Test
    void anInvalidSocketIdExcludesNobody() {
        try (WsClient a = WsClient.established(server.port(), TestServer.KEY);
             WsClient b = WsClient.established(server.port(), TestServer.KEY)) {
            Join.publicChannel(a, "invalid-exclusion");
            Join.publicChannel(b, "invalid-exclusion");
            HttpApiClient.Response r = api.post("/events",
                    event("all", "\"channel\":\"invalid-exclusion\"", "1", ",\"socket_id\":\"not-a-socket\""));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(a.next()).isEqualTo(Expected.event("all", "invalid-exclusion", "1"));
            assertThat(b.next()).isEqualTo(Expected.event("all", "invalid-exclusion", "1"));
        }
    }

    @Test
    void infoReturnsTheSubscriptionAndUserCountsOfEachChannel() {
        try (WsClient a = WsClient.established(server.port(), TestServer.KEY);
             WsClient b = WsClient.established(server.port(), TestServer.KEY)) {
            Join.publicChannel(a, "info-public");
            Join.publicChannel(b, "info-public");
            Join.presence(a, "presence-info", "{\"user_id\":\"1\"}");
            HttpApiClient.Response r = api.post("/events", event("counted", "\"channels\":[\"info-public\",\"presence-info\"]", "{}",
                    ",\"info\":\"subscription_count,user_count\""));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            Map<String, Object> body = r.json();
            assertThat(body).containsOnlyKeys("channels");
            assertThat(JsonTree.at(body, "channels", "info-public", "subscription_count")).isEqualTo(2L);
            assertThat(JsonTree.at(body, "channels", "presence-info", "user_count")).isEqualTo(1L);
            assertThat(JsonTree.at(body, "channels", "presence-info", "subscription_count")).isEqualTo(1L);

            HttpApiClient.Response onlySubscriptions = api.post("/events",
                    event("counted", "\"channel\":\"info-public\"", "{}", ",\"info\":\"subscription_count\""));
            assertThat(onlySubscriptions.body()).isEqualTo("{\"channels\":{\"info-public\":{\"subscription_count\":2}}}");
        }
    }

    @Test
    void moreThan100ChannelsAre400() {
        String channels = IntStream.range(0, 101).mapToObj(i -> "\"c" + i + "\"").collect(Collectors.joining(",", "\"channels\":[", "]"));
        ApiErrors.check(api.post("/events", event("e", channels, "{}", "")), 400);
        String hundred = IntStream.range(0, 100).mapToObj(i -> "\"c" + i + "\"").collect(Collectors.joining(",", "\"channels\":[", "]"));
        assertThat(api.post("/events", event("e", hundred, "{}", "")).status()).isEqualTo(200);
    }

    @Test
    void anEventNameLongerThan200CharactersIs400() {
        ApiErrors.check(api.post("/events", event("e".repeat(201), "\"channel\":\"c\"", "{}", "")), 400);
        assertThat(api.post("/events", event("e".repeat(200), "\"channel\":\"c\"", "{}", "")).status()).isEqualTo(200);
    }

    @Test
    void aChannelNameLongerThan200CharactersOrWithForbiddenCharactersIs400() {
        ApiErrors.check(api.post("/events", event("e", "\"channel\":\"" + "c".repeat(201) + "\"", "{}", "")), 400);
        ApiErrors.check(api.post("/events", event("e", "\"channel\":\"has space\"", "{}", "")), 400);
    }

    @Test
    void dataOver10KilobytesIs413() {
        ApiErrors.check(api.post("/events", event("e", "\"channel\":\"big\"", "x".repeat(10 * 1024 + 1), "")), 413);
        assertThat(api.post("/events", event("e", "\"channel\":\"big\"", "x".repeat(10 * 1024 - 16), "")).status()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheRequestLimitIs413() {
        String huge = "{\"name\":\"e\",\"channel\":\"c\",\"data\":\"" + "x".repeat(100 * 1024) + "\"}";
        ApiErrors.check(api.post("/events", huge), 413);
    }

    @Test
    void malformedJsonIs400() {
        ApiErrors.check(api.post("/events", "{\"name\":\"e\",\"channel\":"), 400);
        ApiErrors.check(api.post("/events", "not json at all"), 400);
        ApiErrors.check(api.post("/events", "[]"), 400);
    }

    @Test
    void aMissingNameDataOrChannelIs400() {
        ApiErrors.check(api.post("/events", "{\"channel\":\"c\",\"data\":\"{}\"}"), 400);
        ApiErrors.check(api.post("/events", "{\"name\":\"e\",\"channel\":\"c\"}"), 400);
        ApiErrors.check(api.post("/events", "{\"name\":\"e\",\"data\":\"{}\"}"), 400);
        ApiErrors.check(api.post("/events", "{\"name\":\"e\",\"channels\":[],\"data\":\"{}\"}"), 400);
    }

    @Test
    void aBatchIsDeliveredInOrderAndAnswersAnEmptyObject() {
        try (WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            Join.publicChannel(c, "batched");
            String batch = IntStream.range(0, 3)
                    .mapToObj(i -> "{\"name\":\"e" + i + "\",\"channel\":\"batched\",\"data\":\"" + i + "\"}")
                    .collect(Collectors.joining(",", "{\"batch\":[", "]}"));
            HttpApiClient.Response r = api.post("/batch_events", batch);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{}");
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                got.add(c.next());
            }
            assertThat(got).containsExactly(
                    Expected.event("e0", "batched", "0"),
                    Expected.event("e1", "batched", "1"),
                    Expected.event("e2", "batched", "2"));
        }
    }

    @Test
    void aBatchWithInfoAnswersOneEntryPerEvent() {
        try (WsClient a = WsClient.established(server.port(), TestServer.KEY)) {
            Join.presence(a, "presence-batched", "{\"user_id\":\"1\"}");
            Join.publicChannel(a, "batched-info");
            String batch = "{\"batch\":["
                    + "{\"name\":\"e\",\"channel\":\"presence-batched\",\"data\":\"{}\",\"info\":\"user_count\"},"
                    + "{\"name\":\"e\",\"channel\":\"batched-info\",\"data\":\"{}\"},"
                    + "{\"name\":\"e\",\"channel\":\"batched-info\",\"data\":\"{}\",\"info\":\"subscription_count\"}]}";
            HttpApiClient.Response r = api.post("/batch_events", batch);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"batch\":[{\"user_count\":1},{},{\"subscription_count\":1}]}");
        }
    }

    @Test
    void aBatchOfMoreThan10EventsIs400AndDeliversNothing() {
        try (WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            Join.publicChannel(c, "overfull");
            String batch = IntStream.range(0, 11)
                    .mapToObj(i -> "{\"name\":\"e" + i + "\",\"channel\":\"overfull\",\"data\":\"x\"}")
                    .collect(Collectors.joining(",", "{\"batch\":[", "]}"));
            ApiErrors.check(api.post("/batch_events", batch), 400);
            api.publishOk("overfull", "marker", "m");
            assertThat(c.next()).isEqualTo(Expected.event("marker", "overfull", "m"));
        }
    }
}
