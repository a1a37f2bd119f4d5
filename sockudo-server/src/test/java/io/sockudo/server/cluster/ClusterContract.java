package io.sockudo.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.EngineOptions;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.cluster.AdapterSettings;
import io.sockudo.adapter.delta.DeltaSettings;
import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.ClusterNodes;
import io.sockudo.server.testing.DeltaDecodingClient;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.AppSigner;
import io.sockudo.testkit.ClientFrames;
import io.sockudo.testkit.JsonTree;
import io.sockudo.testkit.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a cluster of three nodes must do whatever joins them: it behaves as one server. Clients
 * are spread across the nodes; every negative check reads up to a sentinel published after the
 * step under test (from the node whose messages must arrive first, so the order is guaranteed).
 */
abstract class ClusterContract {

    static final AppSigner SIGNER = AppSigner.testApp();
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private final List<WsClient> clients = new ArrayList<>();
    ClusterNodes cluster;

    /** The adapter settings that join the nodes, pointing at the backbone the subclass started. */
    abstract AdapterSettings settings();

    /** SIGKILL to the backbone's server(s). */
    abstract void killBackbone();

    /** Starts the backbone's server(s) again on the same port(s), empty. */
    abstract void restartBackbone();

    void start(App app) {
        cluster = ClusterNodes.start(3, settings(), app);
    }

    void start(App app, UnaryOperator<SockudoServer.Builder> more) {
        cluster = ClusterNodes.start(3, settings(), app, more);
    }

    void start() {
        start(TestServer.app().enableClientMessages(true).enableUserAuthentication(true).build());
    }

    @AfterEach
    void stopCluster() {
        clients.forEach(WsClient::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    WsClient client(int node) {
        return keep(cluster.connect(node));
    }

    /** Closes the client after the test. */
    WsClient keep(WsClient c) {
        clients.add(c);
        return c;
    }

    static void subscribed(WsClient c, String channel) {
        c.send(ClientFrames.subscribe(channel));
        c.nextStartingWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
    }

    static void privateSubscribed(WsClient c, String channel) {
        c.send(ClientFrames.subscribe(channel, SIGNER.channel(c.socketId(), channel)));
        c.nextStartingWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
    }

    /** Joins a presence channel as {@code userId}; returns the member ids of subscription_succeeded. */
    static List<Object> joined(WsClient c, String channel, String userId) {
        String data = "{\"user_id\":" + JsonTree.quote(userId) + ",\"user_info\":{\"name\":" + JsonTree.quote(userId) + "}}";
        c.send(ClientFrames.subscribe(channel, SIGNER.presence(c.socketId(), channel, data), data));
        String frame = c.nextStartingWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
        Map<String, Object> payload = JsonTree.object((String) JsonTree.object(frame).get("data"));
        return JsonTree.list(JsonTree.at(payload, "presence", "ids"));
    }

    static String eventOf(String frame) {
        return (String) JsonTree.object(frame).get("event");
    }

    static List<String> events(List<String> frames) {
        return frames.stream().map(ClusterContract::eventOf).toList();
    }

    /** The users of a presence channel as one node's HTTP API lists them. */
    List<Object> users(int node, String channel) {
        HttpApiClient.Response r = cluster.api(node).get("/channels/" + channel + "/users");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return JsonTree.list(r.json().get("users")).stream().map(u -> JsonTree.map(u).get("id")).toList();
    }

    void awaitUsersEverywhere(String channel, List<String> expected) {
        for (int i = 0; i < cluster.size(); i++) {
            int node = i;
            Poll.until("node " + node + " lists the users " + expected, PATIENCE, () -> users(node, channel),
                    u -> u.size() == expected.size() && u.containsAll(expected));
        }
    }

    Map<String, Object> channelInfo(int node, String channel, String info) {
        HttpApiClient.Response r = cluster.api(node).get("/channels/" + channel, Map.of("info", info));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    // ------------------------------------------------------------------ broadcasts

    @Test
    void anApiEventReachesEverySubscriberOnEveryNodeOnceAndInOrder() {
        start();
        List<WsClient> subscribers = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            for (int k = 0; k < 2; k++) {
                WsClient c = client(node);
                subscribed(c, "orders");
                subscribers.add(c);
            }
        }
        List<String> expected = IntStream.range(0, 30).mapToObj(i -> "order-" + i).toList();
        HttpApiClient api = cluster.api(1);
        expected.forEach(e -> api.publishOk("orders", e, "{\"n\":1}"));
        api.publishSentinel("orders");

        for (WsClient c : subscribers) {
            assertThat(events(c.framesBeforeSentinel())).isEqualTo(expected);
        }
    }

    @Test
    void batchEventsReachEveryNode() {
        start();
        WsClient a = client(0);
        WsClient c = client(2);
        subscribed(a, "b1");
        subscribed(c, "b2");
        HttpApiClient api = cluster.api(1);
        HttpApiClient.Response r = api.post("/batch_events", "{\"batch\":["
                + "{\"name\":\"one\",\"channel\":\"b1\",\"data\":\"1\"},"
                + "{\"name\":\"two\",\"channel\":\"b2\",\"data\":\"2\"}]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        api.publishSentinel("b1");
        api.publishSentinel("b2");

        assertThat(events(a.framesBeforeSentinel())).containsExactly("one");
        assertThat(events(c.framesBeforeSentinel())).containsExactly("two");
    }

    @Test
    void theExcludedSocketIsSkippedOnWhicheverNodeItIs() {
        start();
        WsClient excluded = client(2);
        WsClient other = client(0);
        subscribed(excluded, "news");
        subscribed(other, "news");
        HttpApiClient api = cluster.api(1);
        api.postEventOk("{\"name\":\"headline\",\"channel\":\"news\",\"data\":\"{}\",\"socket_id\":"
                + JsonTree.quote(excluded.socketId()) + "}");
        api.publishSentinel("news");

        assertThat(events(excluded.framesBeforeSentinel())).isEmpty();
        assertThat(events(other.framesBeforeSentinel())).containsExactly("headline");
    }

    @Test
    void aClientEventReachesTheOtherMembersOnEveryNodeButNotItsSender() {
        start();
        WsClient sender = client(0);
        WsClient sameNode = client(0);
        WsClient b = client(1);
        WsClient c = client(2);
        for (WsClient x : List.of(sender, sameNode, b, c)) {
            privateSubscribed(x, "private-chat");
        }
        for (int i = 0; i < 5; i++) {
            sender.send(ClientFrames.clientEvent("client-typing", "private-chat", "{\"i\":" + i + "}"));
        }
        // the pong shows node 0 has handled the events; its messages keep their order from then
        // on, so a sentinel published through node 0 arrives everywhere after them
        sender.send(ClientFrames.ping());
        sender.nextStartingWith("{\"event\":\"pusher:pong\"");
        cluster.api(0).publishSentinel("private-chat");

        List<String> five = List.of("client-typing", "client-typing", "client-typing", "client-typing", "client-typing");
        assertThat(events(sender.framesBeforeSentinel())).isEmpty();
        assertThat(events(sameNode.framesBeforeSentinel())).isEqualTo(five);
        List<String> atB = b.framesBeforeSentinel();
        assertThat(events(atB)).isEqualTo(five);
        assertThat(atB).extracting(f -> ((Number) JsonTree.at(JsonTree.object(f), "data", "i")).intValue())
                .containsExactly(0, 1, 2, 3, 4);
        assertThat(events(c.framesBeforeSentinel())).isEqualTo(five);
    }

    /** A ticker-like payload: mostly the same from one message to the next. */
    private static String tick(String sym, int i) {
        return "{\"sym\":\"" + sym + "\",\"name\":\"" + sym + " / US Dollar spot\",\"exchange\":\"example-exchange\","
                + "\"currency\":\"USD\",\"status\":\"open\",\"tick_size\":\"0.01\",\"lot_size\":\"0.0001\","
                + "\"price\":" + (1000 + i % 7) + ".25,\"volume\":" + (i * 37 % 1000) + ",\"sequence\":" + i + "}";
    }

    @Test
    void tagFiltersAndDeltaCompressionApplyOnTheReceivingNode() {
        start(TestServer.app().build(), b -> b.engine(EngineOptions.builder()
                .delta(DeltaSettings.defaults().withConflationKeyPath("sym")).build()));
        WsClient plain = client(2);
        WsClient btcOnly = client(2);
        WsClient delta = client(1);
        subscribed(plain, "ticker");
        btcOnly.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"ticker\",\"tags_filter\":"
                + "{\"key\":\"sym\",\"cmp\":\"eq\",\"val\":\"BTC\"}}}");
        btcOnly.nextStartingWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
        subscribed(delta, "ticker");
        delta.send("{\"event\":\"pusher:enable_delta_compression\",\"data\":{\"algorithms\":[\"fossil\"]}}");
        delta.nextStartingWith("{\"event\":\"pusher:delta_compression_enabled\"");

        HttpApiClient api = cluster.api(0);
        String[] symbols = {"BTC", "ETH", "SOL"};
        int n = 30;
        for (int i = 0; i < n; i++) {
            String sym = symbols[i % 3];
            api.postEventOk("{\"name\":\"price\",\"channel\":\"ticker\",\"data\":" + JsonTree.quote(tick(sym, i))
                    + ",\"tags\":{\"sym\":\"" + sym + "\"}}");
        }
        api.publishSentinel("ticker", "{\"sym\":\"BTC\"}");

        List<String> expected = plain.framesBeforeSentinel();
        assertThat(expected).hasSize(n);
        assertThat(btcOnly.framesBeforeSentinel()).as("the filter applies on node 2")
                .isEqualTo(IntStream.range(0, n).filter(i -> i % 3 == 0).mapToObj(expected::get).toList());
        DeltaDecodingClient decoder = new DeltaDecodingClient("fossil");
        List<String> decoded = new ArrayList<>();
        for (String f : delta.framesBeforeSentinel()) {
            String frame = decoder.accept(f);
            if (frame != null) {
                decoded.add(frame);
            }
        }
        assertThat(decoded).as("node 1 reconstructs what node 2 sends plain").isEqualTo(expected);
        // a delta that would not pay for itself goes plain, so only some of these short ticks are deltas
        assertThat(decoder.deltaFrames).as("deltas computed on node 1").isPositive();
    }

    // ------------------------------------------------------------------ presence

    @Test
    void presenceMembersAreTheClustersAndMemberEventsGoOutOncePerClusterChange() {
        start();
        WsClient ann = client(0);
        assertThat(joined(ann, "presence-room", "ann")).containsExactly("ann");
        awaitUsersEverywhere("presence-room", List.of("ann"));

        WsClient bobOnB = client(1);
        assertThat(joined(bobOnB, "presence-room", "bob")).containsExactlyInAnyOrder("ann", "bob");
        awaitUsersEverywhere("presence-room", List.of("ann", "bob"));

        // bob's second tab, on another node: he is already a member, nobody hears of it
        WsClient bobOnC = client(2);
        assertThat(joined(bobOnC, "presence-room", "bob")).containsExactlyInAnyOrder("ann", "bob");
        cluster.api(2).publishSentinel("presence-room");
        assertThat(events(ann.framesBeforeSentinel())).containsExactly("pusher_internal:member_added");
        assertThat(events(bobOnB.framesBeforeSentinel())).isEmpty();
        assertThat(events(bobOnC.framesBeforeSentinel())).isEmpty();

        // one tab closes: bob is still in the channel on node 1
        bobOnC.close();
        Poll.until("node 2 counts bob's closed tab out", PATIENCE,
                () -> ((Number) channelInfo(2, "presence-room", "subscription_count").get("subscription_count")).intValue() == 2);
        cluster.api(2).publishSentinel("presence-room");
        assertThat(events(ann.framesBeforeSentinel())).isEmpty();
        assertThat(events(bobOnB.framesBeforeSentinel())).isEmpty();

        // the last one: every remaining member hears it once
        bobOnB.close();
        Poll.until("node 1 counts bob out", PATIENCE,
                () -> ((Number) channelInfo(1, "presence-room", "subscription_count").get("subscription_count")).intValue() == 1);
        cluster.api(1).publishSentinel("presence-room");
        List<String> annSaw = ann.framesBeforeSentinel();
        assertThat(events(annSaw)).containsExactly("pusher_internal:member_removed");
        assertThat((String) JsonTree.object(annSaw.get(0)).get("data")).contains("\"user_id\":\"bob\"");
        awaitUsersEverywhere("presence-room", List.of("ann"));
    }

    /**
     * Twelve users with a tab on each node join at once, then some close every tab and some all
     * but one, at once: every node ends with the same members, and an observer on each node has
     * heard each change exactly once (never a member added twice or removed while absent).
     */
    @Test
    void racingJoinsAndLeavesAcrossNodesEndInStepWithEachChangeHeardOnce() throws Exception {
        start();
        List<WsClient> observers = new ArrayList<>();
        List<String> observerIds = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            WsClient o = client(node);
            joined(o, "presence-race", "obs" + node);
            observerIds.add("obs" + node);
            awaitUsersEverywhere("presence-race", observerIds);
            observers.add(o);
        }
        for (WsClient o : observers) {
            o.send(ClientFrames.ping());
            o.nextStartingWith("{\"event\":\"pusher:pong\"");
        }
        // drop what the observers heard of each other: count from here. Every node had made its
        // member events before it listed the member, so one sentinel after that follows them all
        cluster.api(0).publishSentinel("presence-race");
        observers.forEach(WsClient::framesBeforeSentinel);
        int users = 12;
        WsClient[][] tabs = new WsClient[users][3];
        for (int u = 0; u < users; u++) {
            for (int node = 0; node < 3; node++) {
                tabs[u][node] = client(node);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> joins = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                for (int node = 0; node < 3; node++) {
                    WsClient tab = tabs[u][node];
                    String user = "u" + u;
                    joins.add(pool.submit(() -> joined(tab, "presence-race", user)));
                }
            }
            for (Future<?> f : joins) {
                f.get(30, TimeUnit.SECONDS);
            }
            List<String> everyone = new ArrayList<>(observerIds);
            IntStream.range(0, users).forEach(u -> everyone.add("u" + u));
            awaitUsersEverywhere("presence-race", everyone);

            // u0..u5 close every tab, u6..u8 all but the one on node u % 3, u9..u11 none
            List<Future<?>> leaves = new ArrayList<>();
            for (int u = 0; u < 9; u++) {
                for (int node = 0; node < 3; node++) {
                    if (u < 6 || node != u % 3) {
                        WsClient tab = tabs[u][node];
                        leaves.add(pool.submit(tab::close));
                    }
                }
            }
            for (Future<?> f : leaves) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> remaining = new ArrayList<>(observerIds);
        IntStream.range(6, users).forEach(u -> remaining.add("u" + u));
        awaitUsersEverywhere("presence-race", remaining);

        cluster.api(0).publishSentinel("presence-race");
        for (int node = 0; node < 3; node++) {
            List<String> heard = observers.get(node).framesBeforeSentinel();
            Set<String> view = new HashSet<>(observerIds);
            int added = 0;
            int removed = 0;
            for (String f : heard) {
                String user = (String) JsonTree.map(JsonTree.object((String) JsonTree.object(f).get("data"))).get("user_id");
                if (eventOf(f).equals("pusher_internal:member_added")) {
                    assertThat(view.add(user)).as("node %d: %s added twice", node, user).isTrue();
                    added++;
                } else if (eventOf(f).equals("pusher_internal:member_removed")) {
                    assertThat(view.remove(user)).as("node %d: %s removed while absent", node, user).isTrue();
                    removed++;
                }
            }
            assertThat(view).as("node %d", node).containsExactlyInAnyOrderElementsOf(remaining);
            assertThat(added).as("node %d added", node).isEqualTo(users);
            assertThat(removed).as("node %d removed", node).isEqualTo(6);
        }
    }

    @Test
    void thePresenceMemberLimitCountsTheCluster() {
        start(TestServer.app().maxPresenceMembersPerChannel(2).build());
        joined(client(0), "presence-full", "ann");
        awaitUsersEverywhere("presence-full", List.of("ann"));
        joined(client(1), "presence-full", "bob");
        awaitUsersEverywhere("presence-full", List.of("ann", "bob"));

        WsClient cid = client(2);
        String data = "{\"user_id\":\"cid\"}";
        cid.send(ClientFrames.subscribe("presence-full", SIGNER.presence(cid.socketId(), "presence-full", data), data));
        assertThat(cid.nextStartingWith("{\"event\":\"pusher:subscription_error\"")).contains("presence-full");
        // an existing member may still open another tab anywhere
        assertThat(joined(client(2), "presence-full", "ann")).containsExactlyInAnyOrder("ann", "bob");
    }

    @Test
    void aNodeThatStopsTakesItsMembersAndSocketsAlongEverywhere() {
        start();
        WsClient ann = client(0);
        joined(ann, "presence-stop", "ann");
        awaitUsersEverywhere("presence-stop", List.of("ann"));
        joined(client(2), "presence-stop", "pat");
        awaitUsersEverywhere("presence-stop", List.of("ann", "pat"));
        ann.framesBefore(f -> f.contains("member_added"));

        cluster.node(2).close();

        for (int node = 0; node < 2; node++) {
            int n = node;
            Poll.until("node " + n + " lists ann only", PATIENCE, () -> users(n, "presence-stop"), u -> u.equals(List.of("ann")));
            assertThat(((Number) channelInfo(n, "presence-stop", "subscription_count").get("subscription_count")).intValue())
                    .isEqualTo(1);
        }
        cluster.api(0).publishSentinel("presence-stop");
        assertThat(events(ann.framesBeforeSentinel())).containsExactly("pusher_internal:member_removed");
    }

    // ------------------------------------------------------------------ queries

    @Test
    void channelQueriesAnswerForTheCluster() {
        start();
        subscribed(client(0), "alpha");
        subscribed(client(1), "alpha");
        subscribed(client(2), "alpha");
        subscribed(client(2), "beta");
        joined(client(1), "presence-lobby", "ann");
        joined(client(2), "presence-lobby", "bob");
        awaitUsersEverywhere("presence-lobby", List.of("ann", "bob"));

        for (int node = 0; node < 3; node++) {
            HttpApiClient.Response all = cluster.api(node).get("/channels", Map.of("info", "subscription_count"));
            assertThat(all.status()).isEqualTo(200);
            Map<String, Object> channels = JsonTree.map(all.json().get("channels"));
            assertThat(channels.keySet()).as("node " + node).containsExactlyInAnyOrder("alpha", "beta", "presence-lobby");
            assertThat(((Number) JsonTree.map(channels.get("alpha")).get("subscription_count")).intValue()).isEqualTo(3);
            assertThat(((Number) JsonTree.map(channels.get("beta")).get("subscription_count")).intValue()).isEqualTo(1);

            HttpApiClient.Response presence = cluster.api(node).get("/channels",
                    Map.of("filter_by_prefix", "presence-", "info", "user_count"));
            Map<String, Object> lobby = JsonTree.map(JsonTree.map(presence.json().get("channels")).get("presence-lobby"));
            assertThat(((Number) lobby.get("user_count")).intValue()).as("node " + node).isEqualTo(2);

            Map<String, Object> alpha = channelInfo(node, "alpha", "subscription_count");
            assertThat(alpha.get("occupied")).isEqualTo(true);
            assertThat(((Number) alpha.get("subscription_count")).intValue()).isEqualTo(3);
            Map<String, Object> lobbyInfo = channelInfo(node, "presence-lobby", "user_count,subscription_count");
            assertThat(((Number) lobbyInfo.get("user_count")).intValue()).isEqualTo(2);
            assertThat(((Number) lobbyInfo.get("subscription_count")).intValue()).isEqualTo(2);
            assertThat(users(node, "presence-lobby")).containsExactlyInAnyOrder("ann", "bob");
        }
        // a channel with subscribers on other nodes only is occupied on this one too
        assertThat(channelInfo(0, "beta", "subscription_count").get("occupied")).isEqualTo(true);
    }

    @Test
    void terminatingAUsersConnectionsClosesThemOnEveryNode() {
        start();
        WsClient onA = signedIn(client(0), "carol");
        WsClient onC = signedIn(client(2), "carol");
        WsClient other = signedIn(client(2), "dave");

        HttpApiClient.Response r = cluster.api(1).post("/users/carol/terminate_connections", "{}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);

        assertThat(onA.closeCode(5000)).isEqualTo(4009);
        assertThat(onC.closeCode(5000)).isEqualTo(4009);
        subscribed(other, "still-here");
        cluster.api(1).publishSentinel("still-here");
        assertThat(other.framesBeforeSentinel()).isEmpty();
        assertThat(other.isClosed()).isFalse();
    }

    // ------------------------------------------------------------------ backbone outage

    @Test
    void duringABackboneOutageNodesServeTheirOwnClientsAndAfterItPresenceIsInStepAgain() {
        start();
        WsClient ann = client(0);
        WsClient bob = client(1);
        joined(ann, "presence-ops", "ann");
        awaitUsersEverywhere("presence-ops", List.of("ann"));
        joined(bob, "presence-ops", "bob");
        awaitUsersEverywhere("presence-ops", List.of("ann", "bob"));
        ann.framesBefore(f -> f.contains("member_added"));
        WsClient feedA = client(0);
        WsClient feedB = client(1);
        subscribed(feedA, "feed");
        subscribed(feedB, "feed");

        killBackbone();
        try {
            cluster.api(0).publishOk("feed", "during-outage", "{}");
            cluster.api(0).publishSentinel("feed");
            assertThat(events(feedA.framesBeforeSentinel())).as("local delivery goes on").containsExactly("during-outage");
            // changes nobody else can hear of now
            bob.close();
            Poll.until("node 1 counts bob out", PATIENCE, () -> cluster.node(1).connections().connectionCount() == 1);
            joined(client(2), "presence-ops", "cid");
        } finally {
            restartBackbone();
        }

        awaitUsersEverywhere("presence-ops", List.of("ann", "cid"));
        cluster.api(0).publishOk("feed", "after-outage", "{}");
        cluster.api(0).publishSentinel("feed");
        assertThat(events(feedB.framesBeforeSentinel())).as("cross-node delivery is back")
                .containsExactly("after-outage");
        cluster.api(0).publishSentinel("presence-ops");
        List<String> annSaw = ann.framesBeforeSentinel();
        assertThat(events(annSaw)).as("each change once: %s", annSaw)
                .containsExactlyInAnyOrder("pusher_internal:member_removed", "pusher_internal:member_added");
    }

    static WsClient signedIn(WsClient c, String userId) {
        String userData = "{\"id\":" + JsonTree.quote(userId) + "}";
        c.send(ClientFrames.signin(userData, SIGNER.user(c.socketId(), userData)));
        c.nextStartingWith("{\"event\":\"pusher:signin_success\"");
        return c;
    }
}
