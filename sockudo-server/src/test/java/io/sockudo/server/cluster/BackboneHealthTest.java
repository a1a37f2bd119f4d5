package io.sockudo.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.cluster.AdapterSettings;
import io.sockudo.server.testing.ClusterNodes;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.testkit.Poll;
import io.sockudo.testkit.services.NatsServer;
import io.sockudo.testkit.services.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code /up} reports the cluster's backbone as sockudo reports its adapter: a critical component,
 * so a node cut off from Redis or NATS answers {@code ERROR} with 503, and {@code OK} again once
 * the server is back. The servers are killed with SIGKILL and started again on the same port.
 */
class BackboneHealthTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Test
    void upIsAnErrorWhileRedisIsDownAndOkOnceItIsBack() {
        try (RedisServer redis = RedisServer.start()) {
            healthFollowsTheBackbone(ClusterNodes.redis(redis.url()), redis::kill, redis::restart);
        }
    }

    @Test
    void upIsAnErrorWhileNatsIsDownAndOkOnceItIsBack() {
        try (NatsServer nats = NatsServer.start()) {
            healthFollowsTheBackbone(ClusterNodes.nats(nats.url()), nats::kill, nats::restart);
        }
    }

    private static void healthFollowsTheBackbone(AdapterSettings settings, Runnable kill, Runnable restart) {
        try (ClusterNodes cluster = ClusterNodes.start(2, settings, TestServer.app().build())) {
            for (int node = 0; node < 2; node++) {
                awaitHealth(cluster.api(node), 200, "OK");
            }
            kill.run();
            for (int node = 0; node < 2; node++) {
                awaitHealth(cluster.api(node), 503, "ERROR");
                HttpApiClient.Response app = cluster.api(node).raw("GET", "/up/" + TestServer.APP_ID, null);
                assertThat(app.status()).as("the app's health is the node's").isEqualTo(503);
                assertThat(app.body()).isEqualTo("ERROR");
                assertThat(cluster.api(node).raw("GET", "/up/no-such-app", null).status())
                        .as("an unknown app is still unknown").isEqualTo(404);
            }
            restart.run();
            for (int node = 0; node < 2; node++) {
                awaitHealth(cluster.api(node), 200, "OK");
                HttpApiClient.Response app = cluster.api(node).raw("GET", "/up/" + TestServer.APP_ID, null);
                assertThat(app.status()).isEqualTo(200);
                assertThat(app.body()).isEqualTo("OK");
            }
            cluster.awaitMesh();
        }
    }

    /** Polls {@code /up} until it answers {@code word} with {@code status}, in the body and in {@code X-Health-Check}. */
    private static void awaitHealth(HttpApiClient api, int status, String word) {
        HttpApiClient.Response up = Poll.until("/up answers " + status + " " + word, PATIENCE,
                () -> api.raw("GET", "/up", null), r -> r.status() == status && word.equals(r.body()));
        assertThat(up.header("X-Health-Check")).isEqualTo(word);
    }
}
