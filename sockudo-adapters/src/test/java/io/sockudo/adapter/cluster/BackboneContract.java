package io.sockudo.adapter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every driver's backbone does, with three nodes on one real server that the concrete
 * class starts. Each test uses its own channel prefix, so tests never hear each other.
 */
// in a thread of its own, so that even a test stuck where interrupts go unheard ends at its bound
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class BackboneContract {

    static final ClusterHealth FAST = new ClusterHealth(true, 100, 1_500, 100);
    static final ClusterHealth SLOW = new ClusterHealth(true, 1_000, 30_000, 1_000);
    static final long REQUEST_TIMEOUT_MS = 2_000;
    static final long WAIT_MS = 15_000;
    static final String APP = "app-1";
    static final Duration KEEPALIVE = Duration.ofMillis(500);

    private final List<Backbone> started = new ArrayList<>();
    private String prefix;

    /** A new transport to the server under test, with its channels under {@code prefix}. */
    abstract Transport transport(String prefix);

    /** SIGSTOP (true) or SIGCONT (false) to the server. */
    abstract void freezeServer(boolean frozen);

    /** kill -9 of the server, then a start on the same port. */
    abstract void crashAndRestartServer();

    @BeforeEach
    void prefix() {
        prefix = "test_" + ClusterCodec.randomId().substring(0, 8) + ":";
    }

    @AfterEach
    void closeNodes() {
        started.forEach(Backbone::close);
        started.clear();
    }

    record Node(ClusterBackbone backbone, RecordingListener listener, SeveredTransport transport) {
        String id() {
            return backbone.nodeId();
        }
    }

    Node node(String name, ClusterHealth health, Function<Query, CompletionStage<Answer>> answers) {
        SeveredTransport transport = new SeveredTransport(transport(prefix));
        ClusterBackbone backbone = new ClusterBackbone(name + "-" + prefix, transport,
                new BackboneOptions(REQUEST_TIMEOUT_MS, health, 100_000, 100_000));
        RecordingListener listener = new RecordingListener(answers);
        started.add(backbone);
        backbone.start(listener);
        return new Node(backbone, listener, transport);
    }

    /** Two nodes on a transport the caller made, started before their server exists. */
    void nodesStartedBeforeTheirServerConnectWhenItComesUp(java.util.function.Function<String, Transport> transports,
                                                             Runnable startServer) throws Exception {
        List<ClusterBackbone> pair = new ArrayList<>();
        List<RecordingListener> listeners = new ArrayList<>();
        for (String name : List.of("early-a", "early-b")) {
            ClusterBackbone backbone = new ClusterBackbone(name + "-" + prefix, transports.apply(prefix),
                    new BackboneOptions(REQUEST_TIMEOUT_MS, FAST, 1_000, 1_000));
            started.add(backbone);
            RecordingListener listener = new RecordingListener(q -> CompletableFuture.completedFuture(Answer.socketsCount(q.appId(), 1)));
            long before = System.nanoTime();
            backbone.start(listener);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).as("start returns without the server").isLessThan(5_000);
            assertThat(backbone.connected()).isFalse();
            assertThat(backbone.publish(broadcast("into the void"))).isTrue();
            pair.add(backbone);
            listeners.add(listener);
        }
        Aggregate alone = pair.get(0).request(Query.app(RequestType.SOCKETS_COUNT, APP)).get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(alone.answers()).isEmpty();
        startServer.run();
        await("both connect and find each other", () -> pair.stream().allMatch(b -> b.connected() && b.peers().size() == 1));
        pair.get(0).publish(broadcast("hello b"));
        assertThat(listeners.get(1).broadcastsUntil("hello b", WAIT_MS)).containsExactly("hello b");
        Aggregate both = pair.get(0).request(Query.app(RequestType.SOCKETS_COUNT, APP)).get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(both.complete()).isTrue();
        assertThat(both.socketsCount()).isEqualTo(1);
    }

    Node node(String name) {
        return node(name, FAST, q -> CompletableFuture.completedFuture(Answer.empty(q.appId())));
    }

    /** Three nodes that all know each other. */
    List<Node> trio(ClusterHealth health, List<Function<Query, CompletionStage<Answer>>> answers) {
        List<Node> nodes = List.of(node("a", health, answers.get(0)), node("b", health, answers.get(1)),
                node("c", health, answers.get(2)));
        await("every node knows the two others", () -> nodes.stream().allMatch(n -> n.backbone().peers().size() == 2));
        return nodes;
    }

    List<Node> trio() {
        Function<Query, CompletionStage<Answer>> empty = q -> CompletableFuture.completedFuture(Answer.empty(q.appId()));
        return trio(FAST, List.of(empty, empty, empty));
    }

    static Broadcast broadcast(String message) {
        return new Broadcast(APP, "my-channel", message, null, System.currentTimeMillis());
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + WAIT_MS + " ms: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aBroadcastReachesEveryOtherNodeOnceInPublishOrder() throws Exception {
        List<Node> n = trio();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String message = "{\"event\":\"e\",\"channel\":\"my-channel\",\"data\":\"" + i + " \\\"é\\\"\"}";
            sent.add(message);
            assertThat(n.get(0).backbone().publish(broadcast(message))).isTrue();
        }
        n.get(0).backbone().publish(broadcast("end"));
        sent.add("end");
        for (Node receiver : n.subList(1, 3)) {
            assertThat(receiver.listener().broadcastsUntil("end", WAIT_MS)).isEqualTo(sent);
            assertThat(receiver.listener().messages).isEmpty();
        }
        // the publisher hears nothing of its own: the first thing it gets is another node's sentinel
        n.get(1).backbone().publish(broadcast("from b"));
        Envelope first = n.get(0).listener().next(WAIT_MS);
        assertThat(first.nodeId()).isEqualTo(n.get(1).id());
        assertThat(((Broadcast) first.message()).message()).isEqualTo("from b");
    }

    @Test
    void aBroadcastKeepsItsFields() throws Exception {
        List<Node> n = trio();
        Broadcast sent = new Broadcast(APP, "presence-room", "{\"event\":\"x\"}", "123.456", 1_700_000_000_000L);
        n.get(0).backbone().publish(sent);
        Envelope got = n.get(1).listener().next(WAIT_MS);
        assertThat(got).isEqualTo(new Envelope(n.get(0).id(), sent));
    }

    @Test
    void presenceNoticesReachEveryOtherNode() throws Exception {
        List<Node> n = trio();
        PresenceJoined joined = new PresenceJoined(APP, "presence-room", "1.2", "u1", "{\"name\":\"Ann\"}");
        PresenceLeft left = new PresenceLeft(APP, "presence-room", "1.2", "u1");
        n.get(0).backbone().publish(joined);
        n.get(0).backbone().publish(left);
        for (Node receiver : n.subList(1, 3)) {
            assertThat(receiver.listener().next(WAIT_MS).message()).isEqualTo(joined);
            assertThat(receiver.listener().next(WAIT_MS).message()).isEqualTo(left);
        }
    }

    @Test
    void aTargetedMessageReachesOnlyItsNode() throws Exception {
        List<Node> n = trio();
        n.get(0).backbone().send(n.get(1).id(), broadcast("for b only"));
        n.get(0).backbone().publish(broadcast("for all"));
        assertThat(n.get(1).listener().broadcastsUntil("for all", WAIT_MS)).containsExactly("for b only", "for all");
        assertThat(n.get(2).listener().broadcastsUntil("for all", WAIT_MS)).containsExactly("for all");
    }

    @Test
    void aRequestGathersTheAnswerOfEveryPeer() throws Exception {
        List<Function<Query, CompletionStage<Answer>>> answers = List.of(
                q -> CompletableFuture.completedFuture(Answer.empty(q.appId())),
                q -> CompletableFuture.completedFuture(new Answer(q.appId(), Map.of("u1", "{\"n\":1}"),
                        Map.of("ch-1", 2L), List.of("1.1", "1.2"), 2, false, List.of("ch-1"), 1)),
                // answered later, from another thread
                q -> CompletableFuture.supplyAsync(() -> new Answer(q.appId(), Map.of("u2", "null"),
                        Map.of("ch-1", 3L, "ch-2", 1L), List.of("2.1"), 3, true, List.of("ch-1", "ch-2"), 1),
                        CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS)));
        List<Node> n = trio(FAST, answers);

        Aggregate result = n.get(0).backbone().request(Query.channel(RequestType.CHANNEL_SOCKETS_COUNT, APP, "ch-1"))
                .get(WAIT_MS, TimeUnit.MILLISECONDS);

        assertThat(result.complete()).isTrue();
        assertThat(result.expected()).containsExactlyInAnyOrder(n.get(1).id(), n.get(2).id());
        assertThat(result.missing()).isEmpty();
        assertThat(result.socketsCount()).isEqualTo(5);
        assertThat(result.exists()).isTrue();
        assertThat(result.members()).containsOnly(Map.entry("u1", "{\"n\":1}"), Map.entry("u2", "null"));
        assertThat(result.channelsWithSocketsCount()).containsOnly(Map.entry("ch-1", 5L), Map.entry("ch-2", 1L));
        assertThat(result.socketIds()).containsExactlyInAnyOrder("1.1", "1.2", "2.1");
        RequestStats asker = n.get(0).backbone().stats().requests().get(APP);
        assertThat(asker.sentRequests()).isEqualTo(1);
        assertThat(asker.receivedResponses()).isEqualTo(2);
        assertThat(asker.resolvedPromises()).isEqualTo(1);
        assertThat(asker.uncompletePromises()).isZero();
        assertThat(asker.resolveTime().count()).isEqualTo(1);
        for (int i = 1; i < 3; i++) {
            assertThat(n.get(i).backbone().stats().requests().get(APP).receivedRequests()).as("node " + i).isEqualTo(1);
            assertThat(n.get(i).backbone().stats().requests().get(APP).sentRequests()).as("node " + i).isZero();
        }
    }

    @Test
    void aRequestThatAPeerLeavesUnansweredEndsIncompleteAtTheTimeout() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        List<Function<Query, CompletionStage<Answer>>> answers = List.of(
                q -> CompletableFuture.completedFuture(Answer.empty(q.appId())),
                q -> CompletableFuture.completedFuture(Answer.socketsCount(q.appId(), 4)),
                q -> {
                    asked.incrementAndGet();
                    return new CompletableFuture<>(); // never answers
                });
        List<Node> n = trio(FAST, answers);

        long start = System.nanoTime();
        Aggregate result = n.get(0).backbone().request(Query.app(RequestType.SOCKETS_COUNT, APP))
                .get(REQUEST_TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(result.complete()).isFalse();
        assertThat(result.missing()).containsExactly(n.get(2).id());
        assertThat(result.answers()).containsOnlyKeys(n.get(1).id());
        assertThat(result.socketsCount()).isEqualTo(4);
        assertThat(asked).hasValue(1);
        assertThat(tookMs).isGreaterThanOrEqualTo(REQUEST_TIMEOUT_MS - 50);
        RequestStats asker = n.get(0).backbone().stats().requests().get(APP);
        assertThat(asker.sentRequests()).isEqualTo(1);
        assertThat(asker.receivedResponses()).isEqualTo(1);
        assertThat(asker.resolvedPromises()).isZero();
        assertThat(asker.uncompletePromises()).isEqualTo(1);
        assertThat(asker.resolveTime().count()).isEqualTo(1);
        assertThat(n.get(2).backbone().stats().requests().get(APP).receivedRequests()).isEqualTo(1);
    }

    @Test
    void aNodeAloneGetsAnEmptyCompleteAnswerAtOnce() throws Exception {
        Node alone = node("alone");
        await("connected", () -> alone.backbone().connected());
        Aggregate result = alone.backbone().request(Query.app(RequestType.SOCKETS_COUNT, APP)).get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(result.complete()).isTrue();
        assertThat(result.answers()).isEmpty();
        assertThat(alone.backbone().stats().requests()).as("nothing went out: nothing counted").isEmpty();
    }

    @Test
    void aNodeThatClosesIsDeadForItsPeersAtOnceAndOnce() throws Exception {
        Function<Query, CompletionStage<Answer>> empty = q -> CompletableFuture.completedFuture(Answer.empty(q.appId()));
        // a node timeout of 30 s: only the departure announcement can make this quick
        List<Node> n = trio(SLOW, List.of(empty, empty, empty));
        n.get(2).backbone().close();
        await("a and b are told c left", () -> n.get(0).listener().peersDead.size() == 1 && n.get(1).listener().peersDead.size() == 1);
        assertThat(n.get(0).listener().peersDead).containsExactly(n.get(2).id());
        assertThat(n.get(0).backbone().peers()).containsExactly(n.get(1).id());
        Aggregate result = n.get(0).backbone().request(Query.app(RequestType.SOCKETS_COUNT, APP)).get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(result.complete()).isTrue();
        assertThat(result.expected()).containsExactly(n.get(1).id());
        n.get(1).backbone().publish(broadcast("sentinel"));
        n.get(0).listener().broadcastsUntil("sentinel", WAIT_MS);
        assertThat(n.get(0).listener().peersDead).containsExactly(n.get(2).id());
        assertThat(n.get(1).listener().peersDead).containsExactly(n.get(2).id());
    }

    @Test
    void aSilentNodeIsDeclaredDeadOnceAndIsUpAgainWhenHeard() {
        List<Node> n = trio();
        Node c = n.get(2);
        c.transport().sever(true);
        await("a and b declare c dead", () -> n.get(0).listener().peersDead.contains(c.id()) && n.get(1).listener().peersDead.contains(c.id()));
        int upsBefore = (int) n.get(0).listener().peersUp.stream().filter(c.id()::equals).count();
        c.transport().sever(false);
        await("a and b hear c again", () -> n.get(0).backbone().peers().contains(c.id()) && n.get(1).backbone().peers().contains(c.id()));
        assertThat(n.get(0).listener().peersDead).containsExactly(c.id());
        assertThat(n.get(1).listener().peersDead).containsExactly(c.id());
        assertThat(n.get(0).listener().peersUp.stream().filter(c.id()::equals)).hasSize(upsBefore + 1);
        // c kept hearing a and b all along
        assertThat(c.listener().peersDead).isEmpty();
    }

    @Test
    void afterTheServerIsKilledAndRestartedTheNodesReconnectAndMessagesFlowAgain() throws Exception {
        List<Node> n = trio();
        Node a = n.get(0);
        List<Node> receivers = n.subList(1, 3);
        AtomicBoolean streaming = new AtomicBoolean(true);
        AtomicInteger streamed = new AtomicInteger();
        Thread stream = new Thread(() -> {
            while (streaming.get()) {
                a.backbone().publish(broadcast("stream-" + streamed.getAndIncrement()));
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        stream.start();
        await("the stream flows", () -> receivers.stream().allMatch(r -> r.listener().indexes("stream-").size() > 20));

        crashAndRestartServer();

        await("every node saw the outage and is back", () -> n.stream().allMatch(x ->
                x.listener().downs.get() >= 1 && x.backbone().connected()));
        int mark = streamed.get();
        try {
            await("the stream reaches b and c again", () -> receivers.stream().allMatch(r -> {
                List<Integer> got = r.listener().indexes("stream-");
                return !got.isEmpty() && got.get(got.size() - 1) > mark;
            }));
        } catch (AssertionError e) {
            StringBuilder state = new StringBuilder(e.getMessage());
            for (Node x : n) {
                List<Integer> got = x.listener().indexes("stream-");
                state.append("\n").append(x.id()).append(" connected=").append(x.backbone().connected())
                        .append(" peers=").append(x.backbone().peers()).append(" ").append(x.backbone().stats())
                        .append(" last=").append(got.isEmpty() ? -1 : got.get(got.size() - 1)).append(" mark=").append(mark)
                        .append(" streamed=").append(streamed.get());
            }
            throw new AssertionError(state.toString(), e);
        }
        streaming.set(false);
        stream.join(WAIT_MS);

        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sent.add("after-" + i);
            a.backbone().publish(broadcast("after-" + i));
        }
        a.backbone().publish(broadcast("end"));
        sent.add("end");
        for (Node r : receivers) {
            List<String> got = r.listener().broadcastsUntil("end", WAIT_MS);
            // after recovery nothing is lost
            assertThat(got.stream().filter(m -> !m.startsWith("stream-"))).containsExactlyElementsOf(sent);
            // across the outage: what arrived, arrived once and in order; some of it was lost
            List<Integer> indexes = r.listener().indexes("stream-");
            for (int i = 1; i < indexes.size(); i++) {
                assertThat(indexes.get(i)).as("stream order at " + r.id()).isGreaterThan(indexes.get(i - 1));
            }
            assertThat(indexes.size()).isLessThanOrEqualTo(streamed.get());
        }
        await("every node knows the two others again", () -> n.stream().allMatch(x -> x.backbone().peers().size() == 2));
        await("a request is answered by every peer again", () ->
                a.backbone().request(Query.app(RequestType.SOCKETS_COUNT, APP)).join().complete());
        for (Node x : n) {
            assertThat(x.backbone().stats().decodeErrors()).isZero();
            assertThat(x.listener().ups.get()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aServerThatStopsAnsweringIsNoticedAndTheNodesComeBackWhenItAnswersAgain() throws Exception {
        List<Node> n = trio();
        freezeServer(true);
        try {
            await("every node notices", () -> n.stream().allMatch(x -> x.listener().downs.get() >= 1));
        } finally {
            freezeServer(false);
        }
        await("every node is back", () -> n.stream().allMatch(x -> x.backbone().connected()));
        Node a = n.get(0);
        int[] probe = {0};
        await("a probe from a reaches b and c", () -> {
            a.backbone().publish(broadcast("probe-" + probe[0]++));
            return n.subList(1, 3).stream().allMatch(r -> !r.listener().indexes("probe-").isEmpty());
        });
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add("after-" + i);
            a.backbone().publish(broadcast("after-" + i));
        }
        a.backbone().publish(broadcast("end"));
        sent.add("end");
        for (Node r : n.subList(1, 3)) {
            List<String> got = r.listener().broadcastsUntil("end", WAIT_MS);
            assertThat(got.stream().filter(m -> !m.startsWith("probe-"))).containsExactlyElementsOf(sent);
        }
        await("every node knows the two others again", () -> n.stream().allMatch(x -> x.backbone().peers().size() == 2));
    }
}
