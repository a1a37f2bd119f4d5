package io.sockudo.server.cluster;

import static io.sockudo.server.testing.MetricsScrape.appLabels;
import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.testing.ClusterNodes;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.MetricsScrape;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.Poll;
import io.sockudo.testkit.services.RedisServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two nodes over a redis-server this test starts: a query one node answers for the cluster
 * shows in both nodes' horizontal adapter metrics, under the app it was about.
 */
class ClusterMetricsTest {

    @Test
    void aClusterQueryIsCountedByTheNodeThatAskedAndTheNodeThatAnswered() {
        try (RedisServer redis = RedisServer.start();
             ClusterNodes cluster = ClusterNodes.start(2, ClusterNodes.redis(redis.url()), TestServer.app().build(),
                     b -> b.metrics("127.0.0.1", 0));
             WsClient far = cluster.connect(1)) {
            far.subscribe("alpha").next();
            MetricsScrape before = MetricsScrape.of(cluster.node(0));
            String asker = appLabels(TestServer.APP_ID, cluster.node(0).port());
            String answerer = appLabels(TestServer.APP_ID, cluster.node(1).port());
            double sentBefore = before.valueOrZero("sockudo_horizontal_adapter_sent_requests{" + asker + "}");

            // node 0 has no subscriber of alpha: its count comes from node 1's answer
            HttpApiClient.Response r = cluster.api(0).get("/channels/alpha", Map.of("info", "subscription_count"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(((Number) r.json().get("subscription_count")).intValue()).isEqualTo(1);

            Poll.until("node 1 counted the request it answered", () -> MetricsScrape.of(cluster.node(1))
                    .valueOrZero("sockudo_horizontal_adapter_received_requests{" + answerer + "}") >= 1);
            MetricsScrape s = MetricsScrape.of(cluster.node(0));
            double sent = s.value("sockudo_horizontal_adapter_sent_requests{" + asker + "}");
            assertThat(sent).isGreaterThan(sentBefore);
            double resolved = s.value("sockudo_horizontal_adapter_resolved_promises{" + asker + "}");
            assertThat(resolved).isGreaterThanOrEqualTo(1);
            assertThat(s.value("sockudo_horizontal_adapter_uncomplete_promises{" + asker + "}")).isZero();
            assertThat(s.value("sockudo_horizontal_adapter_received_responses{" + asker + "}")).isGreaterThanOrEqualTo(resolved);
            double count = s.value("sockudo_horizontal_adapter_resolve_time_count{" + asker + "}");
            assertThat(count).isGreaterThanOrEqualTo(1);
            assertThat(s.value("sockudo_horizontal_adapter_resolve_time_bucket{" + asker + ",le=\"+Inf\"}")).isEqualTo(count);
            assertThat(s.value("sockudo_horizontal_adapter_resolve_time_sum{" + asker + "}")).isPositive();
            assertThat(s.types()).containsEntry("sockudo_horizontal_adapter_resolve_time", "histogram");
        }
    }
}
