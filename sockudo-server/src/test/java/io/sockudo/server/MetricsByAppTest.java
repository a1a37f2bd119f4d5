package io.sockudo.server;

import static io.sockudo.server.testing.MetricsScrape.appLabels;
import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.EngineOptions;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.delta.DeltaSettings;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.MetricsScrape;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.Poll;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scrapes {@code /metrics} after real traffic: WebSocket traffic and delta compression under the
 * app they belong to, and broadcast latency under its channel type and recipient-count bucket.
 */
class MetricsByAppTest {

    private static final App OTHER = App.builder("other-id", "other-key", "other-secret").build();

    @Test
    void eachFrameIsCountedUnderItsAppAndAnUnknownAppsUnderNone() {
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().build()).app(OTHER).metrics("127.0.0.1", 0));
             WsClient a = WsClient.established(server.port(), TestServer.KEY);
             WsClient b = WsClient.established(server.port(), OTHER.key());
             WsClient unknown = WsClient.connect(server.port(), "no-such-key")) {
            for (String channel : List.of("one", "two", "three")) {
                a.subscribe(channel).next();
            }
            assertThat(b.socketId()).as("b only connects").isNotNull();
            assertThat(unknown.closeCode(5000)).isEqualTo(4001);
            String appA = appLabels(TestServer.APP_ID, server.port());
            String appB = appLabels(OTHER.id(), server.port());
            String port = "port=\"" + server.port() + "\"";
            // a's three subscribes in, the connection and three subscriptions out; b only its connection
            Poll.until("a's frames are counted", () -> {
                MetricsScrape s = MetricsScrape.of(server);
                return s.valueOrZero("sockudo_ws_messages_received_total{" + appA + "}") == 3
                        && s.valueOrZero("sockudo_ws_messages_sent_total{" + appA + "}") == 4
                        && s.valueOrZero("sockudo_ws_messages_sent_total{" + appB + "}") == 1;
            });
            MetricsScrape s = MetricsScrape.of(server);
            assertThat(s.value("sockudo_ws_messages_received_total{" + appB + "}")).isZero();
            assertThat(s.value("sockudo_socket_received_bytes{" + appB + "}")).isZero();
            assertThat(s.value("sockudo_socket_transmitted_bytes{" + appB + "}")).isPositive();
            // each subscribe frame is at least its 6-byte header and its JSON
            double aIn = s.value("sockudo_socket_received_bytes{" + appA + "}");
            assertThat(aIn).isGreaterThanOrEqualTo(3 * (6 + "{\"event\":\"pusher:subscribe\"".length()));
            assertThat(s.value("sockudo_socket_transmitted_bytes{" + appA + "}"))
                    .isGreaterThan(s.value("sockudo_socket_transmitted_bytes{" + appB + "}"));
            // the refused socket's error frame belongs to no app
            assertThat(s.value("sockudo_ws_messages_sent_total{" + port + "}")).isGreaterThanOrEqualTo(1);
            assertThat(s.samples().keySet()).noneMatch(k -> k.contains("no-such-key"));
        }
    }

    @Test
    void aBroadcastIsObservedOnceItReachedEverySubscriberByChannelTypeAndRecipientCount() {
        List<WsClient> clients = new ArrayList<>();
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().build()).metrics("127.0.0.1", 0))) {
            String app = appLabels(TestServer.APP_ID, server.port());
            String small = "sockudo_broadcast_latency_ms_count{" + app + ",channel_type=\"public\",recipient_count_bucket=\"sm\"}";
            try {
                for (int i = 0; i < 12; i++) { // over 10 recipients: sockudo's "sm" bucket; spread over both I/O threads
                    WsClient c = WsClient.established(server.port(), TestServer.KEY);
                    clients.add(c);
                    c.subscribe("crowd").next();
                }
                HttpApiClient api = HttpApiClient.of(server);
                api.publishOk("nobody-listens", "e", "{}"); // reached nobody: no sample, as in sockudo
                api.publishOk("crowd", "e", "{}");
                for (WsClient c : clients) {
                    assertThat(c.next()).contains("\"event\":\"e\"");
                }
                Poll.until("the broadcast is observed", () -> MetricsScrape.of(server).valueOrZero(small) == 1);
                MetricsScrape s = MetricsScrape.of(server);
                String series = app + ",channel_type=\"public\",recipient_count_bucket=\"sm\"";
                assertThat(s.value("sockudo_broadcast_latency_ms_bucket{" + series + ",le=\"+Inf\"}")).isEqualTo(1);
                assertThat(s.value("sockudo_broadcast_latency_ms_bucket{" + series + ",le=\"5000\"}")).isEqualTo(1);
                assertThat(s.value("sockudo_broadcast_latency_ms_sum{" + series + "}")).isPositive();
                assertThat(s.samples().keySet()).filteredOn(k -> k.startsWith("sockudo_broadcast_latency_ms_count"))
                        .containsExactly(small);
            } finally {
                clients.forEach(WsClient::close);
            }
        }
    }

    @Test
    void deltaCompressionIsCountedUnderTheApp() {
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().build()).app(OTHER)
                .engine(EngineOptions.builder().delta(DeltaSettings.defaults()).build()).metrics("127.0.0.1", 0));
             WsClient delta = WsClient.established(server.port(), TestServer.KEY)) {
            delta.subscribe("ticker").next();
            delta.send("{\"event\":\"pusher:enable_delta_compression\",\"data\":{\"algorithms\":[\"fossil\"]}}");
            assertThat(delta.next()).contains("\"enabled\":true");
            HttpApiClient api = HttpApiClient.of(server);
            int n = 4;
            for (int i = 0; i < n; i++) {
                api.publishOk("ticker", "price", tick(i));
                delta.next();
            }
            String app = appLabels(TestServer.APP_ID, server.port());
            Poll.until("every frame is counted", () -> {
                MetricsScrape s = MetricsScrape.of(server);
                return s.valueOrZero("sockudo_delta_compression_full_messages_total{" + app + "}")
                        + s.valueOrZero("sockudo_delta_compression_delta_messages_total{" + app + "}")
                        + s.valueOrZero("sockudo_delta_plain_messages_total{port=\"" + server.port() + "\"}") == n;
            });
            MetricsScrape s = MetricsScrape.of(server);
            assertThat(s.value("sockudo_delta_compression_full_messages_total{" + app + "}")).isGreaterThanOrEqualTo(1);
            double deltas = s.value("sockudo_delta_compression_delta_messages_total{" + app + "}");
            assertThat(deltas).as("a ticker this repetitive pays for deltas").isPositive();
            double original = s.value("sockudo_delta_compression_bandwidth_original_bytes{" + app + "}");
            double saved = s.value("sockudo_delta_compression_bandwidth_saved_bytes{" + app + "}");
            assertThat(saved).isPositive().isLessThan(original);
            assertThat(original).isGreaterThanOrEqualTo(deltas * tick(0).length());
            assertThat(s.samples().keySet()).filteredOn(k -> k.startsWith("sockudo_delta_compression_delta_messages_total"))
                    .allMatch(k -> k.contains("app_id=\"" + TestServer.APP_ID + "\""));
        }
    }

    private static String tick(int i) {
        return "{\"sym\":\"BTC\",\"name\":\"BTC / US Dollar spot\",\"exchange\":\"example-exchange\",\"currency\":\"USD\","
                + "\"status\":\"open\",\"tick_size\":\"0.01\",\"lot_size\":\"0.0001\",\"price\":" + (1000 + i)
                + ".5,\"bid\":1001.25,\"ask\":1001.75,\"source\":\"consolidated feed\",\"flags\":[\"regular\",\"continuous\"]}";
    }
}
