package io.sockudo.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.EngineOptions;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.Webhook;
import io.sockudo.adapter.cluster.Answer;
import io.sockudo.adapter.cluster.Backbone;
import io.sockudo.adapter.cluster.BackboneListener;
import io.sockudo.adapter.cluster.Envelope;
import io.sockudo.adapter.cluster.Query;
import io.sockudo.adapter.cluster.drivers.Backbones;
import io.sockudo.protocol.WebhookEvent;
import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.ClusterNodes;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.ClientFrames;
import io.sockudo.testkit.JsonTree;
import io.sockudo.testkit.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The cluster's state beyond presence: the app's connection quota, counts a silent node leaves
 * incomplete, occupancy and subscription count webhooks once per cluster, live subscription
 * counts of the whole cluster, and watchlists that follow a user across nodes.
 */
abstract class ClusterStateContract extends ClusterContract {

    /** A webhook and the node that sent it. */
    record Hook(int node, WebhookEvent event) {
    }

    private final List<Hook> hooks = new CopyOnWriteArrayList<>();
    private final AtomicInteger sentinelRounds = new AtomicInteger();

    /** Three nodes whose webhooks are recorded with the node that sent each; debounce 1 s. */
    private void startRecording(App app) {
        AtomicInteger next = new AtomicInteger();
        start(app, b -> {
            int node = next.getAndIncrement();
            return b.webhooks((a, e) -> hooks.add(new Hook(node, e)))
                    .engine(EngineOptions.builder().webhookDebounce(Duration.ofSeconds(1)).build());
        });
    }

    private List<Hook> hooks(String name, String channel) {
        return hooks.stream().filter(h -> h.event().name().equals(name) && channel.equals(h.event().channel())).toList();
    }

    private static App.Builder hooked(Set<String> types) {
        return TestServer.app().webhooks(List.of(Webhook.of("http://127.0.0.1:1/hooks", types)));
    }

    // ------------------------------------------------------------------ max_connections

    @Test
    void theAppsConnectionQuotaCountsTheCluster() {
        start(TestServer.app().maxConnections(3).build());
        WsClient first = client(0);
        client(0);
        client(1);

        // node 2 has none of the three (and closes what it takes while it has not heard of them
        // yet): it refuses a fourth as soon as it has
        Poll.until("node 2 refuses a fourth connection with 4004", PATIENCE, () -> attempt(2, false), code -> code == 4004);

        first.close();
        Poll.until("node 2 takes the place a closed connection freed", PATIENCE, () -> attempt(2, true), code -> code == 0);
        Poll.until("node 1 refuses a fourth again", PATIENCE, () -> attempt(1, false), code -> code == 4004);
    }

    /** 0 when the node takes a connection (kept open or closed), else the code it was refused with. */
    private int attempt(int node, boolean keepIt) {
        WsClient c = WsClient.connect(cluster.node(node).port(), TestServer.KEY);
        String f = c.next();
        if (f.startsWith("{\"event\":\"pusher:connection_established\"")) {
            if (keepIt) {
                keep(c);
            } else {
                c.close();
            }
            return 0;
        }
        assertThat(f).startsWith("{\"event\":\"pusher:error\"");
        int code = ((Number) JsonTree.at(JsonTree.object(f), "data", "code")).intValue();
        assertThat(c.closeCode(5000)).isEqualTo(code);
        c.close();
        return code;
    }

    // ------------------------------------------------------------------ subscription_count_complete

    @Test
    void aCountANodeDidNotAnswerInTimeSaysSo() {
        start();
        subscribed(client(1), "quiet");
        subscribed(client(2), "quiet");
        assertThat(channelInfo(0, "quiet", "subscription_count")).as("every node answered")
                .containsEntry("subscription_count", 2L).doesNotContainKey("subscription_count_complete");

        Backbone silent = Backbones.create(settings(), "node-silent").orElseThrow();
        try {
            silent.start(new SilentNode());
            cluster.awaitPeers(3);
            Map<String, Object> partial = channelInfo(0, "quiet", "subscription_count");
            assertThat(partial).as("the answer after the request timeout, with what arrived")
                    .containsEntry("subscription_count", 2L).containsEntry("subscription_count_complete", false);
        } finally {
            silent.close();
        }
        cluster.awaitPeers(2);
        assertThat(channelInfo(0, "quiet", "subscription_count")).doesNotContainKey("subscription_count_complete");
    }

    /** A member of the cluster that hears everything and answers nothing. */
    private static final class SilentNode implements BackboneListener {

        @Override
        public void onMessage(Envelope envelope) {
        }

        @Override
        public CompletionStage<Answer> onQuery(String fromNode, Query query) {
            return new CompletableFuture<>();
        }
    }

    // ------------------------------------------------------------------ occupancy

    /**
     * Three nodes subscribe at once: one channel_occupied. Two leave: nothing, a subscriber is
     * left on the third. The third leaves: one channel_vacated after the debounce. Each from the
     * node that speaks for the channel. The sentinel: {@link #everyNodeHasDecided}.
     */
    @Test
    void occupancyWebhooksGoOutOncePerClusterTransition() {
        startRecording(hooked(Set.of(WebhookEvent.CHANNEL_OCCUPIED, WebhookEvent.CHANNEL_VACATED,
                WebhookEvent.MEMBER_REMOVED)).enableSubscriptionCount(true).build());
        List<WsClient> subscribers = List.of(client(0), client(1), client(2));
        subscribers.forEach(c -> c.send(ClientFrames.subscribe("room")));
        subscribers.forEach(c -> c.nextStartingWith("{\"event\":\"pusher_internal:subscription_succeeded\""));
        subscribers.forEach(c -> awaitCount(c, "room", 3));
        assertThat(hooks(WebhookEvent.CHANNEL_OCCUPIED, "room")).hasSize(1);
        int speaker = hooks(WebhookEvent.CHANNEL_OCCUPIED, "room").get(0).node();

        subscribers.get(0).send(ClientFrames.unsubscribe("room"));
        subscribers.get(1).send(ClientFrames.unsubscribe("room"));
        awaitCount(subscribers.get(2), "room", 1);
        subscribers.get(2).send(ClientFrames.unsubscribe("room"));
        Poll.until("channel_vacated", PATIENCE, () -> hooks(WebhookEvent.CHANNEL_VACATED, "room"), h -> !h.isEmpty());

        everyNodeHasDecided();
        assertThat(hooks(WebhookEvent.CHANNEL_OCCUPIED, "room")).as("occupied once").hasSize(1);
        assertThat(hooks(WebhookEvent.CHANNEL_VACATED, "room")).as("vacated once, by the same node")
                .containsExactly(new Hook(speaker, WebhookEvent.channelVacated("room")));
    }

    /**
     * A sentinel for webhooks that must not be sent: on each node, a member leaves a presence
     * channel that node speaks for, and its member_removed comes from that node, debounced on the
     * same timer after every removal the node saw before, so every node had decided by then.
     */
    private void everyNodeHasDecided() {
        int round = sentinelRounds.incrementAndGet();
        List<String> channels = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            String channel = spokenForBy(node, "presence-sentinel-" + round + "-" + node + "-");
            WsClient s = client(node);
            joined(s, channel, "sentinel");
            s.close();
            channels.add(channel);
        }
        for (int node = 0; node < 3; node++) {
            String channel = channels.get(node);
            Poll.until("node " + node + "'s sentinel member_removed", PATIENCE,
                    () -> hooks(WebhookEvent.MEMBER_REMOVED, channel), h -> !h.isEmpty());
            assertThat(hooks(WebhookEvent.MEMBER_REMOVED, channel)).extracting(Hook::node).containsExactly(node);
        }
    }

    /** The first channel named {@code prefix} and a number that node speaks for (every node agrees). */
    private String spokenForBy(int node, String prefix) {
        for (int k = 0; ; k++) {
            if (cluster.node(node).speaksFor(TestServer.APP_ID, prefix + k)) {
                return prefix + k;
            }
        }
    }

    // ------------------------------------------------------------------ member webhooks

    /**
     * Member webhooks follow the cluster's members and come from the node that speaks for the
     * channel. A user who leaves on one node and is back on another within the debounce was
     * never gone: no member_removed, no second member_added. A second tab adds nobody; a real
     * leave is one member_removed.
     */
    @Test
    void memberWebhooksGoOutOncePerClusterChangeFromOneNode() {
        startRecording(hooked(Set.of(WebhookEvent.MEMBER_ADDED, WebhookEvent.MEMBER_REMOVED)).build());
        String lobby = "presence-lobby";
        WsClient annOn0 = client(0);
        joined(annOn0, lobby, "ann");
        Poll.until("ann's member_added", PATIENCE, () -> hooks(WebhookEvent.MEMBER_ADDED, lobby), h -> !h.isEmpty());
        int speaker = hooks(WebhookEvent.MEMBER_ADDED, lobby).get(0).node();

        // ann moves from node 0 to node 1 within the debounce
        annOn0.send(ClientFrames.unsubscribe(lobby));
        WsClient annOn1 = client(1);
        joined(annOn1, lobby, "ann");
        WsClient annOn2 = client(2);
        joined(annOn2, lobby, "ann"); // a second tab
        awaitUsersEverywhere(lobby, List.of("ann"));
        everyNodeHasDecided();
        assertThat(hooks(WebhookEvent.MEMBER_ADDED, lobby)).as("ann was added once")
                .containsExactly(new Hook(speaker, WebhookEvent.memberAdded(lobby, "\"ann\"")));
        assertThat(hooks(WebhookEvent.MEMBER_REMOVED, lobby)).as("ann never left the cluster").isEmpty();

        // ann closes both tabs: gone from the cluster
        annOn1.close();
        annOn2.close();
        Poll.until("ann's member_removed", PATIENCE, () -> hooks(WebhookEvent.MEMBER_REMOVED, lobby), h -> !h.isEmpty());
        everyNodeHasDecided();
        assertThat(hooks(WebhookEvent.MEMBER_REMOVED, lobby)).as("removed once, by the same node")
                .containsExactly(new Hook(speaker, WebhookEvent.memberRemoved(lobby, "\"ann\"")));
        assertThat(hooks(WebhookEvent.MEMBER_ADDED, lobby)).hasSize(1);
    }

    // ------------------------------------------------------------------ subscription_count

    /**
     * Subscribers on every node hear the cluster's count; the webhook comes from one node. A
     * node tells its subscribers a count only after deciding on its webhook, so once every
     * subscriber has heard the last count, every node has decided.
     */
    @Test
    void subscriptionCountsAreTheClustersAndTheirWebhookComesFromOneNode() {
        startRecording(hooked(Set.of(WebhookEvent.SUBSCRIPTION_COUNT)).enableSubscriptionCount(true).build());
        List<WsClient> subscribers = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            WsClient c = client(node);
            subscribed(c, "counted");
            subscribers.add(c);
            int n = subscribers.size();
            subscribers.forEach(s -> awaitCount(s, "counted", n));
        }
        List<Hook> counts = hooks(WebhookEvent.SUBSCRIPTION_COUNT, "counted");
        assertThat(counts.stream().map(Hook::node).distinct()).as("one node sends them: %s", counts).hasSize(1);
        assertThat(counts.stream().filter(h -> h.event().subscriptionCount() == 3)).as("3, once").hasSize(1);
        assertThat(counts.get(counts.size() - 1).event().subscriptionCount()).isEqualTo(3);
    }

    /** Reads frames until a subscription_count of {@code n} for the channel. */
    private static void awaitCount(WsClient c, String channel, int n) {
        c.framesBefore(f -> f.startsWith("{\"event\":\"pusher_internal:subscription_count\"")
                && channel.equals(JsonTree.object(f).get("channel"))
                && ((Number) JsonTree.object((String) JsonTree.object(f).get("data")).get("subscription_count")).intValue() == n);
    }

    // ------------------------------------------------------------------ cache channels

    /**
     * With the memory cache, every node keeps the last event of a cache channel published through
     * any node, with the same TTL: a subscriber on any node replays it. A real miss is one
     * {@code cache_miss} webhook from the subscriber's node; a replay is none anywhere.
     */
    @Test
    void aCacheChannelsLastEventIsReplayedOnEveryNode() {
        startRecording(hooked(Set.of(WebhookEvent.CACHE_MISS)).build());
        assertThat(firstAfterSubscribing(client(1), "cache-news")).as("nothing was published yet")
                .startsWith("{\"event\":\"pusher:cache_miss\"");
        Poll.until("the miss's webhook", PATIENCE, () -> hooks(WebhookEvent.CACHE_MISS, "cache-news"), h -> !h.isEmpty());

        // nodes apply one node's messages in order: once the sentinel is in, so are the events before it
        List<WsClient> watchers = List.of(client(1), client(2));
        watchers.forEach(w -> subscribed(w, "plain"));
        HttpApiClient api = cluster.api(0);
        api.publishOk("cache-news", "breaking", "{\"n\":1}");
        api.publishOk("cache-news", "breaking", "{\"n\":2}");
        api.publishSentinel("plain");
        watchers.forEach(WsClient::framesBeforeSentinel);

        for (int node = 0; node < 3; node++) {
            assertThat(firstAfterSubscribing(client(node), "cache-news")).as("node %d replays the last event", node)
                    .contains("\"event\":\"breaking\"").contains("{\\\"n\\\":2}");
        }
        Map<String, Object> cache = JsonTree.map(channelInfo(2, "cache-news", "cache").get("cache"));
        long ttl = EngineOptions.defaults().cacheTtl().toSeconds();
        assertThat(((Number) cache.get("ttl")).longValue()).as("the publishing node's TTL").isBetween(ttl - 5, ttl);

        // a real miss on node 2, whose webhook comes after any a replay could have sent there
        assertThat(firstAfterSubscribing(client(2), "cache-empty")).startsWith("{\"event\":\"pusher:cache_miss\"");
        Poll.until("the real miss's webhook", PATIENCE, () -> hooks(WebhookEvent.CACHE_MISS, "cache-empty"), h -> !h.isEmpty());
        assertThat(hooks(WebhookEvent.CACHE_MISS, "cache-empty")).containsExactly(new Hook(2, WebhookEvent.cacheMiss("cache-empty")));
        assertThat(hooks(WebhookEvent.CACHE_MISS, "cache-news")).as("the first subscriber's miss, once; replays send none")
                .containsExactly(new Hook(1, WebhookEvent.cacheMiss("cache-news")));
    }

    /**
     * A node that joins after a cache channel's event was published has not seen it: its memory
     * cache asks the peers, keeps the answer for the time it has left, and replays it. Node 0
     * keeps its events for 2 s, node 1 for the default hour.
     */
    @Test
    void aNodeThatJoinsLaterReplaysTheLastEventItsPeersStillHave() {
        App app = hooked(Set.of(WebhookEvent.CACHE_MISS)).build();
        AtomicInteger next = new AtomicInteger();
        UnaryOperator<SockudoServer.Builder> recorded = b -> {
            int node = next.getAndIncrement();
            Duration ttl = node == 0 ? Duration.ofSeconds(2) : EngineOptions.defaults().cacheTtl();
            return b.webhooks((a, e) -> hooks.add(new Hook(node, e))).engine(EngineOptions.builder().cacheTtl(ttl).build());
        };
        cluster = ClusterNodes.start(2, settings(), app, recorded);

        // each node stores a broadcast before delivering it: once the other node's watcher has the
        // sentinel, it has stored the cached event published before it
        List<WsClient> watchers = List.of(client(0), client(1));
        watchers.forEach(w -> subscribed(w, "plain"));
        cluster.api(0).publishOk("cache-old", "stale", "{\"n\":0}");
        cluster.api(0).publishSentinel("plain");
        watchers.forEach(WsClient::framesBeforeSentinel);
        cluster.api(1).publishOk("cache-news", "breaking", "{\"n\":1}");
        cluster.api(1).publishSentinel("plain");
        watchers.forEach(WsClient::framesBeforeSentinel);
        for (int node = 0; node < 2; node++) {
            int n = node;
            Poll.until("node " + n + " forgets the expired event", PATIENCE,
                    () -> channelInfo(n, "cache-old", "cache"), info -> !info.containsKey("cache"));
        }

        cluster.add(settings(), app, recorded);
        cluster.awaitMesh();
        // several subscribers miss at once: they share one question to the peers, and each gets the answer
        List<WsClient> late = List.of(client(2), client(2), client(2), client(2));
        late.forEach(c -> c.send(ClientFrames.subscribe("cache-news")));
        for (WsClient c : late) {
            c.nextStartingWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
            assertThat(c.next()).as("the peers' event, replayed").contains("\"event\":\"breaking\"").contains("{\\\"n\\\":1}");
        }
        Map<String, Object> cache = JsonTree.map(channelInfo(2, "cache-news", "cache").get("cache"));
        long ttl = EngineOptions.defaults().cacheTtl().toSeconds();
        assertThat(((Number) cache.get("ttl")).longValue()).as("kept for the time the publisher's TTL has left").isBetween(ttl - 60, ttl);

        assertThat(firstAfterSubscribing(client(2), "cache-old")).as("an expired event is not replayed")
                .startsWith("{\"event\":\"pusher:cache_miss\"");
        Poll.until("the miss's webhook", PATIENCE, () -> hooks(WebhookEvent.CACHE_MISS, "cache-old"), h -> !h.isEmpty());
        assertThat(hooks(WebhookEvent.CACHE_MISS, "cache-old")).containsExactly(new Hook(2, WebhookEvent.cacheMiss("cache-old")));
        assertThat(hooks(WebhookEvent.CACHE_MISS, "cache-news")).as("a replay sends no webhook").isEmpty();
    }

    /** Subscribes to a cache channel; the frame after subscription_succeeded (the replay or the miss). */
    private static String firstAfterSubscribing(WsClient c, String channel) {
        c.send(ClientFrames.subscribe(channel));
        c.nextStartingWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
        return c.next();
    }

    // ------------------------------------------------------------------ watchlists

    /**
     * Watchers on two nodes follow ann across the third and the first. Each step ends with a
     * sentinel user signing in on the node where ann's change happened: nodes announce their
     * changes in order, so the sentinel's online follows whatever ann's change caused.
     */
    @Test
    void watchlistsHearAUsersFirstAndLastConnectionInTheCluster() {
        start(TestServer.app().enableUserAuthentication(true).enableWatchlistEvents(true).build());
        List<String> watched = List.of("ann", "zed1", "zed2", "zed3", "zed4");
        List<WsClient> watchers = List.of(watching(client(0), "w0", watched), watching(client(1), "w1", watched));

        WsClient annOn2 = signedIn(client(2), "ann");
        signedIn(client(2), "zed1");
        watchers.forEach(w -> assertThat(changesBefore(w, "zed1")).as("ann's first connection").containsExactly("online:ann"));

        WsClient annOn0 = signedIn(client(0), "ann");
        signedIn(client(0), "zed2");
        watchers.forEach(w -> assertThat(changesBefore(w, "zed2")).as("ann's second connection").isEmpty());

        annOn2.close();
        Poll.until("node 2 counts ann's connection out", PATIENCE, () -> cluster.node(2).connections().connectionCount() == 1);
        signedIn(client(2), "zed3");
        watchers.forEach(w -> assertThat(changesBefore(w, "zed3")).as("ann is still on node 0").isEmpty());

        annOn0.close();
        Poll.until("node 0 counts ann's connection out", PATIENCE, () -> cluster.node(0).connections().connectionCount() == 2);
        signedIn(client(0), "zed4");
        watchers.forEach(w -> assertThat(changesBefore(w, "zed4")).as("ann's last connection").containsExactly("offline:ann"));
    }

    private static WsClient watching(WsClient c, String userId, List<String> watchlist) {
        StringBuilder ids = new StringBuilder();
        watchlist.forEach(id -> ids.append(ids.length() == 0 ? "" : ",").append(JsonTree.quote(id)));
        String userData = "{\"id\":" + JsonTree.quote(userId) + ",\"watchlist\":[" + ids + "]}";
        c.send(ClientFrames.signin(userData, SIGNER.user(c.socketId(), userData)));
        c.nextStartingWith("{\"event\":\"pusher:signin_success\"");
        assertThat(changes(c.nextStartingWith("{\"event\":\"pusher_internal:watchlist_events\"")))
                .as("everyone is offline at first").containsExactlyElementsOf(watchlist.stream().map(id -> "offline:" + id).toList());
        return c;
    }

    /** The watchlist changes a watcher heard before the sentinel user came online, as "online:ann". */
    private static List<String> changesBefore(WsClient w, String sentinelUser) {
        List<String> heard = new ArrayList<>();
        for (String f : w.framesBefore(f -> changes(f).equals(List.of("online:" + sentinelUser)))) {
            heard.addAll(changes(f));
        }
        return heard;
    }

    private static List<String> changes(String frame) {
        Map<String, Object> f = JsonTree.object(frame);
        if (!"pusher_internal:watchlist_events".equals(f.get("event"))) {
            return List.of("other:" + f.get("event"));
        }
        List<String> out = new ArrayList<>();
        for (Object e : JsonTree.list(JsonTree.object((String) f.get("data")).get("events"))) {
            Map<String, Object> event = JsonTree.map(e);
            JsonTree.list(event.get("user_ids")).forEach(id -> out.add(event.get("name") + ":" + id));
        }
        return out;
    }
}
