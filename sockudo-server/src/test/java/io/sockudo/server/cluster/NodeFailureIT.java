package io.sockudo.server.cluster;

import static io.sockudo.server.cluster.ClusterContract.events;
import static io.sockudo.server.cluster.ClusterContract.joined;
import static io.sockudo.server.cluster.ClusterContract.subscribed;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.sockudo.adapter.EngineOptions;
import io.sockudo.adapter.app.Webhook;
import io.sockudo.adapter.cluster.AdapterSettings;
import io.sockudo.server.testing.ClusterNodes;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.LaunchedNode;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.JsonTree;
import io.sockudo.testkit.Poll;
import io.sockudo.testkit.services.NatsServer;
import io.sockudo.testkit.services.RedisServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A node killed with SIGKILL (a separate server process) says nothing as it goes: the others
 * notice its silence after {@code cluster_health.node_timeout_ms}, remove its presence members
 * with {@code member_removed} (the webhook from the node that speaks for the channel), and stop
 * counting its sockets.
 */
class NodeFailureIT {

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final BlockingQueue<String> webhookEvents = new LinkedBlockingQueue<>();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            for (Object e : JsonTree.list(JsonTree.object(body).get("events"))) {
                Map<String, Object> event = JsonTree.map(e);
                webhookEvents.add(event.get("name") + " " + event.get("user_id"));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        resources.add(() -> receiver.stop(0));
    }

    @AfterEach
    void release() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T using(T resource) {
        resources.add(resource);
        return resource;
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis", "nats"})
    void aKilledNodesMembersAreRemovedEverywhereOnceAndItsSocketsNoLongerCount(String driver) throws Exception {
        AdapterSettings settings;
        Map<String, String> env;
        if (driver.equals("redis")) {
            RedisServer redis = using(RedisServer.start());
            settings = ClusterNodes.redis(redis.url());
            env = Map.of("ADAPTER_DRIVER", "redis", "REDIS_URL", redis.url());
        } else {
            NatsServer nats = using(NatsServer.start());
            settings = ClusterNodes.nats(nats.url());
            env = Map.of("ADAPTER_DRIVER", "nats", "NATS_SERVERS", nats.url());
        }
        Webhook hook = new Webhook("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                Set.of("member_added", "member_removed"), null, null, null, Map.of());
        ClusterNodes cluster = using(ClusterNodes.start(2, settings, TestServer.app().webhooks(List.of(hook)).build(),
                b -> b.engine(EngineOptions.builder().webhookDebounce(Duration.ofMillis(200)).build())));
        Map<String, String> launched = new HashMap<>(env);
        launched.putAll(Map.of(
                "CLUSTER_HEALTH_HEARTBEAT_INTERVAL", String.valueOf(ClusterNodes.FAST_HEALTH.heartbeatIntervalMs()),
                "CLUSTER_HEALTH_NODE_TIMEOUT", String.valueOf(ClusterNodes.FAST_HEALTH.nodeTimeoutMs()),
                "CLUSTER_HEALTH_CLEANUP_INTERVAL", String.valueOf(ClusterNodes.FAST_HEALTH.cleanupIntervalMs())));
        LaunchedNode doomed = using(LaunchedNode.start(launched));
        cluster.awaitPeers(2);
        // the node that speaks for the room sends its member webhooks: one of those that report them
        String room = IntStream.iterate(0, k -> k + 1).mapToObj(k -> "presence-room-" + k)
                .filter(c -> cluster.node(0).speaksFor(TestServer.APP_ID, c) || cluster.node(1).speaksFor(TestServer.APP_ID, c))
                .findFirst().orElseThrow();

        WsClient ann = using(cluster.connect(0));
        WsClient bob = using(cluster.connect(1));
        WsClient pat = using(WsClient.established(doomed.port(), TestServer.KEY));
        WsClient patsFeed = using(WsClient.established(doomed.port(), TestServer.KEY));
        joined(ann, room, "ann");
        joined(bob, room, "bob");
        joined(pat, room, "pat");
        subscribed(patsFeed, "feed");
        List<HttpApiClient> apis = List.of(cluster.api(0), cluster.api(1), doomed.api());
        for (HttpApiClient api : apis) {
            Poll.until("every node lists ann, bob and pat", Duration.ofSeconds(10), () -> users(api, room),
                    u -> u.size() == 3);
        }
        assertThat(subscriptions(cluster.api(0), "feed")).isEqualTo(1);
        ann.framesBefore(f -> f.contains("member_added") && f.contains("pat"));
        bob.framesBefore(f -> f.contains("member_added") && f.contains("pat"));

        doomed.kill();

        for (HttpApiClient api : List.of(cluster.api(0), cluster.api(1))) {
            Poll.until("pat is gone", Duration.ofSeconds(10), () -> users(api, room), u -> u.equals(List.of("ann", "bob"))
                    || u.equals(List.of("bob", "ann")));
        }
        assertThat(subscriptions(cluster.api(0), "feed")).as("the dead node's sockets no longer count").isZero();
        assertThat(subscriptions(cluster.api(1), room)).isEqualTo(2);
        cluster.api(0).publishSentinel(room);
        for (WsClient survivor : List.of(ann, bob)) {
            List<String> saw = survivor.framesBeforeSentinel();
            assertThat(events(saw)).as("%s", saw).containsExactly("pusher_internal:member_removed");
            assertThat((String) JsonTree.object(saw.get(0)).get("data")).contains("\"user_id\":\"pat\"");
        }

        // the speaking node's last webhooks come after any it might have sent about pat
        ann.close();
        bob.close();
        List<String> hooks = new ArrayList<>();
        Poll.until("the webhooks of ann and bob leaving", Duration.ofSeconds(10), () -> {
            webhookEvents.drainTo(hooks);
            return hooks.contains("member_removed ann") && hooks.contains("member_removed bob");
        });
        assertThat(hooks).as("once per cluster change").containsExactlyInAnyOrder(
                "member_added ann", "member_added bob", "member_added pat", "member_removed pat", "member_removed ann", "member_removed bob");
    }

    private static List<Object> users(HttpApiClient api, String room) {
        HttpApiClient.Response r = api.get("/channels/" + room + "/users");
        return JsonTree.list(r.json().get("users")).stream().map(u -> JsonTree.map(u).get("id")).toList();
    }

    private static int subscriptions(HttpApiClient api, String channel) {
        HttpApiClient.Response r = api.get("/channels/" + channel, Map.of("info", "subscription_count"));
        Object n = r.json().get("subscription_count");
        return n == null ? 0 : ((Number) n).intValue();
    }
}
