package io.sockudo.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.cluster.AdapterSettings;
import io.sockudo.server.testing.ClusterNodes;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.RedisAndNats;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.AppSigner;
import io.sockudo.testkit.ClientFrames;
import io.sockudo.testkit.JsonTree;
import io.sockudo.testkit.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A thousand presence subscriptions race across three nodes, then seven hundred of them leave,
 * racing too; every node must end with the same member list, and an observer on every node must
 * have heard exactly one {@code member_added} per user and one {@code member_removed} per user
 * who left the cluster entirely.
 *
 * <p>Socket {@code i} is user {@code u(i % 400)} on node {@code i % 3}: users u0..u199 have three
 * tabs, u200..u399 two, and a user's tabs are on different nodes (400 is not a multiple of 3), so
 * most joins and leaves are a second or third tab elsewhere, which must change nobody's list.
 * The tabs are light clients that only wait for their own {@code subscription_succeeded} and
 * discard what else arrives.
 */
class PresenceRaceTest {

    private static final AppSigner SIGNER = AppSigner.testApp();
    private static final String CHANNEL = "presence-thousand";
    private static final int SOCKETS = 1_000;
    private static final int USERS = 400;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final RedisAndNats BACKBONES = new RedisAndNats();

    private final List<WsClient> observers = new ArrayList<>();
    private final List<Tab> tabs = new ArrayList<>();
    private ClusterNodes cluster;

    @AfterEach
    void stop() {
        tabs.forEach(Tab::abort);
        observers.forEach(WsClient::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Users u0..u199 close every tab; u200..u299 close all but their first; u300..u399 stay. */
    private static boolean leaves(int socket) {
        int user = socket % USERS;
        return user < 200 || user < 300 && socket >= USERS;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "nats"})
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aThousandRacingJoinsAndLeavesEndInStepWithEachChangeHeardOnce(String driver) throws Exception {
        AdapterSettings settings = BACKBONES.settings(driver);
        // Pusher's default member limit is 100
        cluster = ClusterNodes.start(3, settings, TestServer.app().maxPresenceMembersPerChannel(USERS + 3).build());
        List<String> observerIds = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            WsClient o = cluster.connect(node);
            observers.add(o);
            String id = "obs" + node;
            String data = memberData(id);
            o.send(ClientFrames.subscribe(CHANNEL, SIGNER.presence(o.socketId(), CHANNEL, data), data));
            o.nextStartingWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
            observerIds.add(id);
            awaitUsersEverywhere(observerIds);
        }
        // count from here: every node made its member events before it listed the member
        cluster.api(0).publishSentinel(CHANNEL);
        observers.forEach(WsClient::framesBeforeSentinel);

        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Tab>> joins = new ArrayList<>();
            for (int i = 0; i < SOCKETS; i++) {
                int socket = i;
                joins.add(pool.submit(() -> Tab.join(cluster.node(socket % 3).port(), "u" + socket % USERS)));
            }
            for (Future<Tab> f : joins) {
                tabs.add(f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            }
            List<String> everyone = new ArrayList<>(observerIds);
            IntStream.range(0, USERS).forEach(u -> everyone.add("u" + u));
            awaitUsersEverywhere(everyone);

            List<Future<?>> leaving = new ArrayList<>();
            for (int i = 0; i < SOCKETS; i++) {
                if (leaves(i)) {
                    Tab tab = tabs.get(i);
                    leaving.add(pool.submit(tab::leave));
                }
            }
            for (Future<?> f : leaving) {
                f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> remaining = new ArrayList<>(observerIds);
        IntStream.range(200, USERS).forEach(u -> remaining.add("u" + u));
        awaitUsersEverywhere(remaining);
        for (int node = 0; node < 3; node++) {
            Map<String, Object> info = cluster.api(node).get("/channels/" + CHANNEL, Map.of("info", "user_count,subscription_count")).json();
            assertThat(info).as("node %d", node).containsEntry("user_count", (long) remaining.size())
                    .containsEntry("subscription_count", 3L + SOCKETS - 700);
        }

        cluster.api(0).publishSentinel(CHANNEL);
        for (int node = 0; node < 3; node++) {
            Set<String> view = new HashSet<>(observerIds);
            int added = 0;
            int removed = 0;
            for (String f : observers.get(node).framesBeforeSentinel()) {
                Map<String, Object> frame = JsonTree.object(f);
                Object user = JsonTree.object((String) frame.get("data")).get("user_id");
                if ("pusher_internal:member_added".equals(frame.get("event"))) {
                    assertThat(view.add((String) user)).as("node %d: %s added twice", node, user).isTrue();
                    added++;
                } else if ("pusher_internal:member_removed".equals(frame.get("event"))) {
                    assertThat(view.remove((String) user)).as("node %d: %s removed while absent", node, user).isTrue();
                    removed++;
                }
            }
            assertThat(view).as("node %d", node).containsExactlyInAnyOrderElementsOf(remaining);
            assertThat(added).as("node %d member_added", node).isEqualTo(USERS);
            assertThat(removed).as("node %d member_removed", node).isEqualTo(200);
        }
    }

    private void awaitUsersEverywhere(List<String> expected) {
        for (int i = 0; i < cluster.size(); i++) {
            HttpApiClient api = cluster.api(i);
            int node = i;
            Poll.until("node " + node + " lists the " + expected.size() + " users", PATIENCE, () -> users(api),
                    u -> u.size() == expected.size() && new HashSet<>(u).equals(new HashSet<>(expected)));
        }
    }

    private static List<Object> users(HttpApiClient api) {
        HttpApiClient.Response r = api.get("/channels/" + CHANNEL + "/users");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return JsonTree.list(r.json().get("users")).stream().map(u -> JsonTree.map(u).get("id")).toList();
    }

    private static String memberData(String userId) {
        return "{\"user_id\":" + JsonTree.quote(userId) + ",\"user_info\":{\"name\":" + JsonTree.quote(userId) + "}}";
    }

    /**
     * One presence subscription over the JDK's WebSocket: it reads its socket id, subscribes
     * and completes when its own subscription succeeded; every other frame is dropped, so a
     * thousand of them cost little memory however many member events they are sent.
     */
    private static final class Tab implements WebSocket.Listener {

        private final CompletableFuture<String> socketId = new CompletableFuture<>();
        private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Tab join(int port, String userId) throws Exception {
            Tab tab = new Tab();
            tab.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/app/" + TestServer.KEY + "?protocol=7&client=race&version=1"), tab)
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            String id = tab.socketId.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            String data = memberData(userId);
            tab.socket.sendText(ClientFrames.subscribe(CHANNEL, SIGNER.presence(id, CHANNEL, data), data), true)
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            tab.subscribed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            return tab;
        }

        /** A normal close, as a browser tab's. */
        void leave() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
        }

        void abort() {
            socket.abort();
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (!subscribed.isDone()) {
                partial.append(data);
                if (last) {
                    read(partial.toString());
                    partial.setLength(0);
                }
            }
            ws.request(1);
            return null;
        }

        private void read(String frame) {
            if (frame.startsWith("{\"event\":\"pusher:connection_established\"")) {
                socketId.complete((String) JsonTree.object((String) JsonTree.object(frame).get("data")).get("socket_id"));
            } else if (frame.startsWith("{\"event\":\"pusher_internal:subscription_succeeded\"")) {
                subscribed.complete(null);
            } else if (frame.contains("error")) {
                subscribed.completeExceptionally(new AssertionError("refused: " + frame));
            }
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            socketId.completeExceptionally(error);
            subscribed.completeExceptionally(error);
        }
    }
}
