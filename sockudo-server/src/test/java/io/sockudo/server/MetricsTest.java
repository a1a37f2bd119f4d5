package io.sockudo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.MetricsScrape;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.AppSigner;
import io.sockudo.testkit.ClientFrames;
import io.sockudo.testkit.Poll;
import org.junit.jupiter.api.Test;

/** Scrapes {@code /metrics} over HTTP after real traffic: sockudo's names, types and labels. */
class MetricsTest {

    private static MetricsScrape scrape(SockudoServer server) {
        return MetricsScrape.of(server);
    }

    @Test
    void afterRealTrafficEverySockudoFamilyHasItsNameTypeAndLabels() throws Exception {
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app()
                        .enableClientMessages(true).maxClientEventsPerSecond(1).build()).metrics("127.0.0.1", 0));
             WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            String app = "app_id=\"" + TestServer.APP_ID + "\",port=\"" + server.port() + "\"";
            String port = "port=\"" + server.port() + "\"";
            c.subscribe("news").next();
            String priv = "private-room";
            c.send(ClientFrames.subscribe(priv, AppSigner.testApp().channel(c.socketId(), priv))).next();
            c.send(ClientFrames.clientEvent("client-a", priv, "{}"));
            c.send(ClientFrames.clientEvent("client-b", priv, "{}")); // over 1 per second: refused
            assertThat(c.nextStartingWith("{\"event\":\"pusher:error\"")).contains("rate limit");
            c.send(ClientFrames.unsubscribe(priv));
            HttpApiClient api = HttpApiClient.of(server);
            api.publishOk("news", "e", "{}");
            api.publishOk("news", "e", "{}");
            c.next();
            c.next();

            Poll.until("the API responses are counted", () -> {
                return scrape(server).valueOrZero("sockudo_http_transmitted_bytes{" + app + "}") > 0
                        && scrape(server).valueOrZero("sockudo_broadcast_latency_ms_count{" + app
                        + ",channel_type=\"public\",recipient_count_bucket=\"xs\"}") == 2;
            });
            MetricsScrape s = scrape(server);

            assertThat(s.types()).containsEntry("sockudo_connected", "gauge")
                    .containsEntry("sockudo_new_connections_total", "counter")
                    .containsEntry("sockudo_new_disconnections_total", "counter")
                    .containsEntry("sockudo_connection_errors_total", "counter")
                    .containsEntry("sockudo_socket_received_bytes", "counter")
                    .containsEntry("sockudo_socket_transmitted_bytes", "counter")
                    .containsEntry("sockudo_ws_messages_received_total", "counter")
                    .containsEntry("sockudo_ws_messages_sent_total", "counter")
                    .containsEntry("sockudo_http_received_bytes", "counter")
                    .containsEntry("sockudo_http_transmitted_bytes", "counter")
                    .containsEntry("sockudo_http_calls_received_total", "counter")
                    .containsEntry("sockudo_rate_limit_checks_total", "counter")
                    .containsEntry("sockudo_rate_limit_triggered_total", "counter")
                    .containsEntry("sockudo_channel_subscriptions_total", "counter")
                    .containsEntry("sockudo_channel_unsubscriptions_total", "counter")
                    .containsEntry("sockudo_active_channels", "gauge")
                    .containsEntry("sockudo_broadcast_latency_ms", "histogram")
                    .containsEntry("sockudo_horizontal_adapter_resolve_time", "histogram")
                    .containsEntry("sockudo_horizontal_adapter_resolved_promises", "counter")
                    .containsEntry("sockudo_horizontal_adapter_uncomplete_promises", "counter")
                    .containsEntry("sockudo_horizontal_adapter_sent_requests", "counter")
                    .containsEntry("sockudo_horizontal_adapter_received_requests", "counter")
                    .containsEntry("sockudo_horizontal_adapter_received_responses", "counter")
                    .containsEntry("sockudo_horizontal_delta_compression_enabled_total", "counter")
                    .containsEntry("sockudo_delta_compression_bandwidth_saved_bytes", "counter")
                    .containsEntry("sockudo_delta_compression_bandwidth_original_bytes", "counter")
                    .containsEntry("sockudo_delta_compression_full_messages_total", "counter")
                    .containsEntry("sockudo_delta_compression_delta_messages_total", "counter")
                    .containsEntry("sockudo_slow_client_drops_total", "counter")
                    .containsEntry("sockudo_webhook_queue_depth", "gauge")
                    .containsEntry("sockudo_webhook_deliveries_total", "counter")
                    .containsEntry("sockudo_webhook_retries_total", "counter");

            assertThat(s.value("sockudo_connected{" + app + "}")).isEqualTo(1);
            assertThat(s.value("sockudo_new_connections_total{" + app + "}")).isEqualTo(1);
            assertThat(s.value("sockudo_new_disconnections_total{" + app + "}")).isZero();
            assertThat(s.value("sockudo_channel_subscriptions_total{" + app + ",channel_type=\"public\"}")).isEqualTo(1);
            assertThat(s.value("sockudo_channel_subscriptions_total{" + app + ",channel_type=\"private\"}")).isEqualTo(1);
            assertThat(s.value("sockudo_channel_unsubscriptions_total{" + app + ",channel_type=\"private\"}")).isEqualTo(1);
            assertThat(s.value("sockudo_active_channels{" + app + ",channel_type=\"public\"}")).isEqualTo(1);
            assertThat(s.value("sockudo_active_channels{" + app + ",channel_type=\"private\"}")).isZero();
            String clientEvents = app + ",limiter_type=\"client_events\",request_context=\"websocket\"";
            assertThat(s.value("sockudo_rate_limit_checks_total{" + clientEvents + "}")).isEqualTo(2);
            assertThat(s.value("sockudo_rate_limit_triggered_total{" + clientEvents + "}")).isEqualTo(1);
            assertThat(s.value("sockudo_http_calls_received_total{" + app + "}")).isEqualTo(2);
            assertThat(s.value("sockudo_http_received_bytes{" + app + "}")).isPositive();
            assertThat(s.value("sockudo_http_transmitted_bytes{" + app + "}")).isPositive();
            String latency = app + ",channel_type=\"public\",recipient_count_bucket=\"xs\"";
            assertThat(s.value("sockudo_broadcast_latency_ms_count{" + latency + "}")).isEqualTo(2);
            assertThat(s.value("sockudo_broadcast_latency_ms_bucket{" + latency + ",le=\"+Inf\"}")).isEqualTo(2);
            assertThat(s.value("sockudo_broadcast_latency_ms_bucket{" + latency + ",le=\"5000\"}")).isEqualTo(2);
            assertThat(s.value("sockudo_ws_messages_sent_total{" + app + "}")).isGreaterThanOrEqualTo(6);
            assertThat(s.value("sockudo_ws_messages_received_total{" + app + "}")).isGreaterThanOrEqualTo(5);
            assertThat(s.value("sockudo_socket_received_bytes{" + app + "}")).isPositive();
            assertThat(s.value("sockudo_socket_transmitted_bytes{" + app + "}")).isPositive();
            assertThat(s.value("sockudo_webhook_deliveries_total{" + port + ",result=\"sent\"}")).isZero();
            assertThat(s.text()).contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void aClosedConnectionIsCountedAndThePrefixRenamesEveryFamily() throws Exception {
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().build()).metrics("127.0.0.1", 0)
                .metricsPrefix("pusher_"))) {
            WsClient.established(server.port(), TestServer.KEY).close();
            String app = "app_id=\"" + TestServer.APP_ID + "\",port=\"" + server.port() + "\"";
            Poll.until("the disconnection is counted",
                    () -> scrape(server).valueOrZero("pusher_new_disconnections_total{" + app + "}") == 1);
            MetricsScrape s = scrape(server);
            assertThat(s.value("pusher_connected{" + app + "}")).isZero();
            assertThat(s.value("pusher_new_connections_total{" + app + "}")).isEqualTo(1);
            assertThat(s.types()).containsKey("pusher_broadcast_latency_ms");
            assertThat(s.types().keySet()).noneMatch(name -> name.startsWith("sockudo_"));
        }
    }
}
