package io.sockudo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import org.junit.jupiter.api.Test;

class TagFilteringTest {

    private static void sub(WsClient c, String channel, String filter) {
        c.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\",\"tags_filter\":" + filter + "}}");
    }

    private static void publish(HttpApiClient api, String channel, String data, String tags) {
        api.postEventOk("{\"name\":\"e\",\"channel\":\"" + channel + "\",\"data\":" + io.sockudo.protocol.Json.quote(data) + (tags == null ? "" : ",\"tags\":" + tags) + "}");
    }

    @Test
    void onlyMatchingMessagesReachAFilteredSubscriber() {
        try (SockudoServer server = TestServer.start();
             WsClient btc = WsClient.established(server.port(), TestServer.KEY);
             WsClient all = WsClient.established(server.port(), TestServer.KEY)) {
            sub(btc, "ticker", "{\"key\":\"sym\",\"cmp\":\"eq\",\"val\":\"BTC\"}");
            btc.next();
            all.subscribe("ticker").next();
            HttpApiClient api = HttpApiClient.of(server);
            publish(api, "ticker", "eth", "{\"sym\":\"ETH\"}");
            publish(api, "ticker", "btc", "{\"sym\":\"BTC\"}");
            publish(api, "ticker", "none", null);
            assertThat(btc.next()).isEqualTo("{\"event\":\"e\",\"channel\":\"ticker\",\"data\":\"btc\",\"tags\":{\"sym\":\"BTC\"}}");
            api.publishSentinel("ticker", "{\"sym\":\"BTC\"}");
            assertThat(btc.framesBeforeSentinel()).isEmpty();
            assertThat(all.next()).contains("\"data\":\"eth\"");
            assertThat(all.next()).contains("\"data\":\"btc\"");
            assertThat(all.next()).isEqualTo("{\"event\":\"e\",\"channel\":\"ticker\",\"data\":\"none\"}");
        }
    }

    @Test
    void negativeFiltersMatchMessagesWithoutTags() {
        try (SockudoServer server = TestServer.start();
             WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            sub(c, "t", "{\"op\":\"not\",\"nodes\":[{\"key\":\"sym\",\"cmp\":\"ex\"}]}");
            c.next();
            HttpApiClient api = HttpApiClient.of(server);
            publish(api, "t", "tagged", "{\"sym\":\"X\"}");
            publish(api, "t", "untagged", null);
            assertThat(c.next()).contains("\"data\":\"untagged\"");
            api.publishSentinel("t");
            assertThat(c.framesBeforeSentinel()).isEmpty();
        }
    }

    @Test
    void anInvalidFilterRefusesTheSubscriptionInsteadOfLeavingItUnfiltered() {
        try (SockudoServer server = TestServer.start();
             WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            sub(c, "t", "{\"key\":\"sym\",\"cmp\":\"eqq\",\"val\":\"X\"}");
            assertThat(c.next()).startsWith("{\"event\":\"pusher:subscription_error\",\"channel\":\"t\",\"data\":{\"type\":\"InvalidFilter\"");
            assertThat(c.next()).isEqualTo("{\"event\":\"pusher:error\",\"data\":{\"code\":4000,\"message\":\"Invalid tag filter (filter: unknown cmp \\\"eqq\\\")\"}}");
            HttpApiClient api = HttpApiClient.of(server);
            c.subscribe("t-sentinel").next();
            api.publishOk("t", "e", "x");
            api.publishSentinel("t-sentinel");
            assertThat(c.framesBeforeSentinel()).as("not subscribed, not even unfiltered").isEmpty();
        }
    }

    @Test
    void nonStringTagsAreRefusedWith400() {
        try (SockudoServer server = TestServer.start()) {
            var r = HttpApiClient.of(server).post("/events", "{\"name\":\"e\",\"channel\":\"t\",\"data\":\"x\",\"tags\":{\"n\":1}}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains("Invalid tags");
        }
    }

    @Test
    void aFilterOverManySubscribersDeliversOnlyToCandidates() {
        try (SockudoServer server = TestServer.start()) {
            java.util.List<WsClient> clients = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 40; i++) {
                    WsClient c = WsClient.established(server.port(), TestServer.KEY);
                    sub(c, "many", "{\"key\":\"user\",\"cmp\":\"in\",\"vals\":[\"u" + i + "\",\"u" + (i + 1) + "\"]}");
                    c.next();
                    clients.add(c);
                }
                HttpApiClient api = HttpApiClient.of(server);
                publish(api, "many", "hi", "{\"user\":\"u7\"}");
                assertThat(clients.get(6).next()).contains("\"data\":\"hi\"");
                assertThat(clients.get(7).next()).contains("\"data\":\"hi\"");
                api.publishSentinel("many", "{\"user\":\"u8\"}");
                assertThat(clients.get(8).framesBeforeSentinel()).isEmpty();
                assertThat(server.connections().stats().subscriptions()).isEqualTo(40);
            } finally {
                clients.forEach(WsClient::close);
            }
        }
    }
}
