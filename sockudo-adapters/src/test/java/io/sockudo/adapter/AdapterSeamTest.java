package io.sockudo.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.EngineHarness.Client;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.StaticAppManager;
import io.sockudo.adapter.broadcast.Publication;
import io.sockudo.adapter.testing.ManualClock;
import io.sockudo.protocol.PresenceMember;
import io.sockudo.protocol.ServerFrames;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's cluster-wide work goes through its {@link Adapter}: an adapter that records every
 * call and delegates to the node's {@link LocalAdapter} (as a horizontal adapter would) sees each
 * broadcast, presence change and user termination, and the clients see the same frames as
 * without it.
 */
class AdapterSeamTest {

    private static final String ANN = "{\"user_id\":\"ann\"}";

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private EngineHarness engine;
    private final App app = EngineHarness.app().enableClientMessages(true).build();

    /** Records each call by name and first arguments, then lets the local adapter answer. */
    private final class Recording implements Adapter {
        private final LocalAdapter local;

        Recording(LocalAdapter local) {
            this.local = local;
        }

        @Override
        public void broadcast(String appId, Publication p) {
            calls.add("broadcast " + p.channel() + " " + (p.event() == null ? "protocol" : p.event()));
            local.broadcast(appId, p);
        }

        @Override
        public void presenceMemberJoined(String appId, String channel, PresenceMember member) {
            calls.add("joined " + channel + " " + member.userId());
        }

        @Override
        public void presenceMemberLeft(String appId, String channel, String userId) {
            calls.add("left " + channel + " " + userId);
        }

        @Override
        public CompletableFuture<Map<String, Integer>> channelsWithSocketsCount(String appId, String prefix) {
            calls.add("channels");
            return local.channelsWithSocketsCount(appId, prefix);
        }

        @Override
        public CompletableFuture<Integer> channelSocketsCount(String appId, String channel) {
            calls.add("sockets count " + channel);
            return local.channelSocketsCount(appId, channel);
        }

        @Override
        public CompletableFuture<Set<String>> channelSockets(String appId, String channel) {
            calls.add("sockets " + channel);
            return local.channelSockets(appId, channel);
        }

        @Override
        public CompletableFuture<List<ServerFrames.Member>> channelMembers(String appId, String channel) {
            calls.add("members " + channel);
            return local.channelMembers(appId, channel);
        }

        @Override
        public CompletableFuture<Integer> channelMembersCount(String appId, String channel) {
            calls.add("members count " + channel);
            return local.channelMembersCount(appId, channel);
        }

        @Override
        public CompletableFuture<Integer> socketsCount(String appId) {
            return local.socketsCount(appId);
        }

        @Override
        public CompletableFuture<Void> terminateUserConnections(String appId, String userId) {
            calls.add("terminate " + userId);
            return local.terminateUserConnections(appId, userId);
        }
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private void start() {
        engine = new EngineHarness(2, new StaticAppManager(List.of(app)), EngineOptions.defaults(), new ManualClock(),
                Recording::new);
    }

    /**
     * Member events are this node's: each node derives them from its view of the cluster's
     * members, so only the membership change itself goes through the adapter.
     */
    @Test
    void presenceChangesGoThroughTheAdapterAndMemberEventsStayOnTheNode() {
        start();
        Client ann = engine.connect(0);
        Client bob = engine.connect(1);
        bob.subscribePresence("presence-room", "{\"user_id\":\"bob\"}");
        calls.clear();

        ann.subscribePresence("presence-room", ANN);
        ann.disconnect();

        assertThat(calls).containsExactly("joined presence-room ann", "left presence-room ann");
        assertThat(bob.receivedEvents()).contains("pusher_internal:member_added", "pusher_internal:member_removed");
    }

    @Test
    void clientEventsAndApiEventsAreBroadcastThroughTheAdapter() {
        start();
        Client ann = engine.connect(0);
        Client bob = engine.connect(1);
        ann.subscribePrivate("private-chat");
        bob.subscribePrivate("private-chat");
        bob.received();
        calls.clear();

        ann.send("{\"event\":\"client-typing\",\"channel\":\"private-chat\",\"data\":{}}");
        engine.publishAndDeliver(app, "{\"name\":\"news\",\"channel\":\"private-chat\",\"data\":\"hi\"}");

        assertThat(calls).containsExactly("broadcast private-chat client-typing", "broadcast private-chat news");
        assertThat(bob.receivedEvents()).containsExactly("client-typing", "news");
    }

    @Test
    void userTerminationGoesThroughTheAdapter() {
        start();
        Client ann = engine.connect(0);
        ann.signin("{\"id\":\"ann\"}");
        ann.received();

        engine.handler.terminateUserConnections(EngineHarness.APP_ID, "ann");
        engine.shards.drain();

        assertThat(calls).contains("terminate ann");
        assertThat(ann.closeCode()).isEqualTo(4009);
    }

    @Test
    void theLocalAdapterAnswersChannelQueriesAtOnce() {
        start();
        Client ann = engine.connect(0);
        Client bob = engine.connect(1);
        ann.subscribePresence("presence-room", ANN);
        bob.subscribePresence("presence-room", ANN);
        bob.subscribe("news");

        LocalAdapter local = engine.adapter;
        assertThat(local.channelsWithSocketsCount(EngineHarness.APP_ID, null).join())
                .containsExactly(Map.entry("news", 1), Map.entry("presence-room", 2));
        assertThat(local.channelsWithSocketsCount(EngineHarness.APP_ID, "presence-").join()).containsOnlyKeys("presence-room");
        assertThat(local.channelMembersCount(EngineHarness.APP_ID, "presence-room").join()).isEqualTo(1);
        assertThat(local.channelMembers(EngineHarness.APP_ID, "presence-room").join())
                .extracting(ServerFrames.Member::userId).containsExactly("ann");
        assertThat(local.socketsCount(EngineHarness.APP_ID).join()).isEqualTo(2);
        CompletableFuture<Set<String>> sockets = local.channelSockets(EngineHarness.APP_ID, "presence-room");
        engine.shards.drain();
        assertThat(sockets.join()).containsExactlyInAnyOrder(ann.socketId(), bob.socketId());
    }
}
