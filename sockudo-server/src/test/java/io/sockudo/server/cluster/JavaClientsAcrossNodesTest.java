package io.sockudo.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.pusher.client.PusherOptions;
import com.pusher.client.channel.PresenceChannelEventListener;
import com.pusher.client.channel.PrivateChannel;
import com.pusher.client.channel.PusherEvent;
import com.pusher.client.channel.User;
import com.pusher.rest.data.PresenceUser;
import com.pusher.rest.data.Result;
import io.sockudo.adapter.cluster.AdapterSettings;
import io.sockudo.server.testing.ClusterNodes;
import io.sockudo.server.testing.JavaClients;
import io.sockudo.server.testing.RedisAndNats;
import io.sockudo.server.testing.TestServer;
import io.sockudo.testkit.JsonTree;
import io.sockudo.testkit.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stock Java libraries against a cluster of three nodes, per driver: pusher-java-client
 * connects to every node, pusher-http-java publishes through one node and signs private and
 * presence subscriptions, as an app behind a load balancer would use them.
 *
 * <p>Negative checks read each client's callbacks, which pusher-java-client makes on one thread
 * in arrival order, up to a marker event published after the step under test through the node
 * where the step happened: a node's messages reach every other node in the order it sent them.
 */
class JavaClientsAcrossNodesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String MARKER = "marker";

    @RegisterExtension
    static final RedisAndNats BACKBONES = new RedisAndNats();

    private final List<com.pusher.client.Pusher> clients = new ArrayList<>();
    private final List<com.pusher.rest.Pusher> rests = new ArrayList<>();
    private ClusterNodes cluster;

    @AfterEach
    void stop() throws Exception {
        clients.forEach(com.pusher.client.Pusher::disconnect);
        for (com.pusher.rest.Pusher rest : rests) {
            rest.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private void start(String driver) {
        AdapterSettings settings = BACKBONES.settings(driver);
        cluster = ClusterNodes.start(3, settings, TestServer.app().enableClientMessages(true).build());
        for (int node = 0; node < 3; node++) {
            com.pusher.rest.Pusher rest = new com.pusher.rest.Pusher(TestServer.APP_ID, TestServer.KEY, TestServer.SECRET);
            rest.setHost("127.0.0.1:" + cluster.node(node).port());
            rest.setEncrypted(false);
            rests.add(rest);
        }
    }

    /** pusher-http-java talking to one node. */
    private com.pusher.rest.Pusher rest(int node) {
        return rests.get(node);
    }

    /** Everything one channel listener heard, in the order the client's event thread reported it. */
    private static final class Heard implements PresenceChannelEventListener {
        final CountDownLatch subscribed = new CountDownLatch(1);
        final BlockingQueue<String> log = new LinkedBlockingQueue<>();
        final BlockingQueue<Set<User>> memberLists = new LinkedBlockingQueue<>();

        @Override
        public void onSubscriptionSucceeded(String channelName) {
            subscribed.countDown();
        }

        @Override
        public void onEvent(PusherEvent event) {
            log.add(event.getEventName() + " " + event.getData());
        }

        @Override
        public void onError(String message, Exception e) {
            log.add("error " + message);
        }

        @Override
        public void onAuthenticationFailure(String message, Exception e) {
            log.add("authentication failure " + message);
        }

        @Override
        public void onUsersInformationReceived(String channelName, Set<User> users) {
            memberLists.add(users);
        }

        @Override
        public void userSubscribed(String channelName, User user) {
            log.add("member_added " + user.getId());
        }

        @Override
        public void userUnsubscribed(String channelName, User user) {
            log.add("member_removed " + user.getId());
        }

        void awaitSubscribed() {
            assertThat(await(subscribed)).as("subscription succeeded; heard %s", log).isTrue();
        }

        /** What was heard before the next marker event, the marker excluded. */
        List<String> beforeMarker() {
            List<String> heard = new ArrayList<>();
            while (true) {
                String next = take(log, "the marker after " + heard);
                if (next.startsWith(MARKER + " ")) {
                    return heard;
                }
                heard.add(next);
            }
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static <T> T take(BlockingQueue<T> queue, String what) {
        try {
            T t = queue.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            if (t == null) {
                throw new AssertionError("no " + what + " within " + PATIENCE);
            }
            return t;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private PusherOptions options(int node) {
        return new PusherOptions().setHost("127.0.0.1").setWsPort(cluster.node(node).port()).setUseTLS(false);
    }

    private PusherOptions privateOptions(int node) {
        return options(node).setChannelAuthorizer((channel, socketId) -> rest(0).authenticate(socketId, channel));
    }

    private PusherOptions presenceOptions(int node, String userId) {
        PresenceUser user = new PresenceUser(userId, Map.of("name", "user " + userId));
        return options(node).setChannelAuthorizer((channel, socketId) -> rest(0).authenticate(socketId, channel, user));
    }

    private com.pusher.client.Pusher connect(PusherOptions options) {
        com.pusher.client.Pusher pusher = new com.pusher.client.Pusher(TestServer.KEY, options);
        clients.add(pusher);
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        JavaClients.connect(pusher, errors, PATIENCE);
        return pusher;
    }

    private static void ok(Result r) {
        assertThat(r.getStatus()).as("%s %s", r.getHttpStatus(), r.getMessage()).isEqualTo(Result.Status.SUCCESS);
    }

    private void marker(int node, String channel) {
        ok(rest(node).trigger(channel, MARKER, Map.of()));
    }

    private void awaitLocalConnections(int node, int count) {
        Poll.until("node " + node + " has " + count + " connections", PATIENCE,
                () -> cluster.node(node).connections().connectionCount() == count);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "nats"})
    void eventsTriggeredThroughOneNodeReachClientsOnEveryNodeInOrder(String driver) {
        start(driver);
        List<Heard> subscribers = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            for (int k = 0; k < 2; k++) {
                Heard heard = new Heard();
                connect(options(node)).subscribe("java-cluster", heard, "tick", MARKER);
                heard.awaitSubscribed();
                subscribers.add(heard);
            }
        }
        List<String> expected = IntStream.range(0, 20).mapToObj(i -> "tick {\"n\":" + i + "}").toList();
        for (int i = 0; i < 20; i++) {
            ok(rest(1).trigger("java-cluster", "tick", Map.of("n", i)));
        }
        marker(1, "java-cluster");
        for (Heard heard : subscribers) {
            assertThat(heard.beforeMarker()).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "nats"})
    void theSocketNamedInATriggerIsSkippedWhicheverNodeItIsOn(String driver) {
        start(driver);
        com.pusher.client.Pusher sender = connect(options(0));
        Heard senderHeard = new Heard();
        sender.subscribe("java-excluding", senderHeard, "news", MARKER);
        List<Heard> others = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            Heard heard = new Heard();
            connect(options(node)).subscribe("java-excluding", heard, "news", MARKER);
            others.add(heard);
        }
        senderHeard.awaitSubscribed();
        others.forEach(Heard::awaitSubscribed);
        String socketId = sender.getConnection().getSocketId();
        // through a node other than the sender's, and through the sender's own
        ok(rest(2).trigger("java-excluding", "news", Map.of("via", 2), socketId));
        ok(rest(0).trigger("java-excluding", "news", Map.of("via", 0), socketId));
        marker(2, "java-excluding");
        marker(0, "java-excluding");
        assertThat(senderHeard.beforeMarker()).as("the excluded socket, up to the first marker").isEmpty();
        assertThat(senderHeard.beforeMarker()).as("between the markers").isEmpty();
        for (Heard heard : others) {
            List<String> got = new ArrayList<>(heard.beforeMarker());
            got.addAll(heard.beforeMarker());
            assertThat(got).containsExactlyInAnyOrder("news {\"via\":2}", "news {\"via\":0}");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "nats"})
    void privateChannelsCarryApiAndClientEventsAcrossNodes(String driver) {
        start(driver);
        Heard aliceHeard = new Heard();
        Heard bobHeard = new Heard();
        PrivateChannel alices = connect(privateOptions(0)).subscribePrivate("private-java-cluster", aliceHeard,
                "secret", "client-hi", MARKER);
        PrivateChannel bobs = connect(privateOptions(2)).subscribePrivate("private-java-cluster", bobHeard,
                "secret", "client-hi", MARKER);
        aliceHeard.awaitSubscribed();
        bobHeard.awaitSubscribed();

        ok(rest(1).trigger("private-java-cluster", "secret", Map.of("k", "v")));
        marker(1, "private-java-cluster");
        assertThat(aliceHeard.beforeMarker()).containsExactly("secret {\"k\":\"v\"}");
        assertThat(bobHeard.beforeMarker()).containsExactly("secret {\"k\":\"v\"}");

        // pusher-java-client sends asynchronously: wait for each to arrive before the markers
        alices.trigger("client-hi", "{\"from\":\"alice\"}");
        assertThat(take(bobHeard.log, "alice's client event")).isEqualTo("client-hi {\"from\":\"alice\"}");
        bobs.trigger("client-hi", "{\"from\":\"bob\"}");
        assertThat(take(aliceHeard.log, "bob's client event")).isEqualTo("client-hi {\"from\":\"bob\"}");
        marker(0, "private-java-cluster");
        marker(2, "private-java-cluster");
        for (Heard heard : List.of(aliceHeard, bobHeard)) {
            assertThat(heard.beforeMarker()).as("nobody hears their own client event").isEmpty();
            assertThat(heard.beforeMarker()).as("nobody hears their own client event").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "nats"})
    void presenceMembersAreTheClustersAndChangeOncePerUser(String driver) {
        start(driver);
        String channel = "presence-java-cluster";
        Heard johnHeard = new Heard();
        com.pusher.client.Pusher john = connect(presenceOptions(0, "john"));
        john.subscribePresence(channel, johnHeard, MARKER);
        johnHeard.awaitSubscribed();
        assertThat(take(johnHeard.memberLists, "john's member list")).extracting(User::getId).containsExactly("john");

        Heard aliceHeard = new Heard();
        connect(presenceOptions(1, "alice")).subscribePresence(channel, aliceHeard, MARKER);
        aliceHeard.awaitSubscribed();
        assertThat(take(aliceHeard.memberLists, "alice's member list")).extracting(User::getId)
                .containsExactlyInAnyOrder("john", "alice");
        marker(1, channel);
        assertThat(johnHeard.beforeMarker()).containsExactly("member_added alice");
        assertThat(aliceHeard.beforeMarker()).isEmpty();

        // john's second tab, on a third node: a new socket, not a new member
        Heard johnTabHeard = new Heard();
        com.pusher.client.Pusher johnTab = connect(presenceOptions(2, "john"));
        johnTab.subscribePresence(channel, johnTabHeard, MARKER);
        johnTabHeard.awaitSubscribed();
        assertThat(take(johnTabHeard.memberLists, "the tab's member list")).extracting(User::getId)
                .containsExactlyInAnyOrder("john", "alice");
        marker(2, channel);
        assertThat(aliceHeard.beforeMarker()).as("a second tab adds nobody").isEmpty();
        assertThat(johnHeard.beforeMarker()).isEmpty();

        john.disconnect();
        awaitLocalConnections(0, 0);
        marker(0, channel);
        assertThat(aliceHeard.beforeMarker()).as("john is still on node 2").isEmpty();
        assertThat(users(1, channel)).containsExactlyInAnyOrder("john", "alice");

        johnTab.disconnect();
        Poll.until("node 1 lists alice alone", PATIENCE, () -> users(1, channel), u -> u.equals(List.of("alice")));
        marker(2, channel);
        assertThat(aliceHeard.beforeMarker()).containsExactly("member_removed john");
        for (int node = 0; node < 3; node++) {
            assertThat(users(node, channel)).as("node %d", node).containsExactly("alice");
        }
    }

    /** The members as one node's API lists them, through pusher-http-java. */
    private List<Object> users(int node, String channel) {
        Result r = rest(node).get("/channels/" + channel + "/users");
        ok(r);
        return JsonTree.list(JsonTree.object(r.getMessage()).get("users")).stream()
                .map(u -> JsonTree.map(u).get("id")).toList();
    }
}
