package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.pusher.client.ChannelAuthorizer;
import com.pusher.client.PusherOptions;
import com.pusher.client.channel.PresenceChannel;
import com.pusher.client.channel.PresenceChannelEventListener;
import com.pusher.client.channel.PrivateChannel;
import com.pusher.client.channel.PrivateEncryptedChannelEventListener;
import com.pusher.client.channel.PusherEvent;
import com.pusher.client.channel.User;
import com.pusher.client.connection.ConnectionState;
import com.pusher.rest.data.PresenceUser;
import com.pusher.rest.data.Result;
import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.JavaClients;
import io.sockudo.server.testing.TestServer;
import io.sockudo.testkit.AppSigner;
import io.sockudo.testkit.JsonTree;
import io.sockudo.testkit.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stock Java libraries against the server: pusher-java-client connects and subscribes,
 * pusher-http-java publishes and signs subscriptions, exactly as an app would use them.
 */
class PusherJavaClientTest {

    /** 32 bytes, as Pusher's end-to-end encryption requires. */
    private static final String MASTER_KEY = Base64.getEncoder().encodeToString("an-encryption-master-key-32bytes".getBytes());

    private static SockudoServer server;
    private static com.pusher.rest.Pusher rest;
    private static HttpApiClient api;

    private final List<com.pusher.client.Pusher> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = TestServer.startWith(TestServer.app().enableClientMessages(true).build());
        rest = new com.pusher.rest.Pusher(TestServer.APP_ID, TestServer.KEY, TestServer.SECRET, MASTER_KEY);
        rest.setHost("127.0.0.1:" + server.port());
        rest.setEncrypted(false);
        api = HttpApiClient.of(server);
    }

    @AfterAll
    static void stop() throws Exception {
        rest.close();
        server.close();
    }

    @AfterEach
    void disconnectClients() {
        clients.forEach(com.pusher.client.Pusher::disconnect);
    }

    /** What a channel listener saw, in order. */
    private static final class Recorder implements PresenceChannelEventListener, PrivateEncryptedChannelEventListener {
        final CountDownLatch subscribed = new CountDownLatch(1);
        final BlockingQueue<PusherEvent> events = new LinkedBlockingQueue<>();
        final BlockingQueue<String> failures = new LinkedBlockingQueue<>();
        final BlockingQueue<Set<User>> memberLists = new LinkedBlockingQueue<>();
        final BlockingQueue<User> joined = new LinkedBlockingQueue<>();
        final BlockingQueue<User> left = new LinkedBlockingQueue<>();

        @Override
        public void onSubscriptionSucceeded(String channelName) {
            subscribed.countDown();
        }

        @Override
        public void onEvent(PusherEvent event) {
            events.add(event);
        }

        @Override
        public void onError(String message, Exception e) {
            failures.add("error: " + message);
        }

        @Override
        public void onAuthenticationFailure(String message, Exception e) {
            failures.add("authentication: " + message);
        }

        @Override
        public void onDecryptionFailure(String event, String reason) {
            failures.add("decryption of " + event + ": " + reason);
        }

        @Override
        public void onUsersInformationReceived(String channelName, Set<User> users) {
            memberLists.add(users);
        }

        @Override
        public void userSubscribed(String channelName, User user) {
            joined.add(user);
        }

        @Override
        public void userUnsubscribed(String channelName, User user) {
            left.add(user);
        }

        void awaitSubscribed() {
            assertThat(await(subscribed)).as("subscription succeeded; failures: %s", failures).isTrue();
        }

        PusherEvent nextEvent() {
            return take(events, "an event; failures: " + failures);
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static <T> T take(BlockingQueue<T> queue, String what) {
        try {
            T t = queue.poll(5, TimeUnit.SECONDS);
            if (t == null) {
                throw new AssertionError("no " + what + " within 5 s");
            }
            return t;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static PusherOptions options() {
        return new PusherOptions().setHost("127.0.0.1").setWsPort(server.port()).setUseTLS(false);
    }

    /** Signs private and encrypted channels with pusher-http-java, as an app's auth endpoint would. */
    private static ChannelAuthorizer privateAuthorizer() {
        return (channelName, socketId) -> rest.authenticate(socketId, channelName);
    }

    private static ChannelAuthorizer presenceAuthorizer(PresenceUser user) {
        return (channelName, socketId) -> rest.authenticate(socketId, channelName, user);
    }

    private com.pusher.client.Pusher connect(PusherOptions options) {
        return connect(options, new LinkedBlockingQueue<>());
    }

    /** Connects and waits for the connection; {@code errors} collects the connection's errors as "code message". */
    private com.pusher.client.Pusher connect(PusherOptions options, BlockingQueue<String> errors) {
        com.pusher.client.Pusher pusher = new com.pusher.client.Pusher(TestServer.KEY, options);
        clients.add(pusher);
        JavaClients.connect(pusher, errors, Duration.ofSeconds(5));
        assertThat(pusher.getConnection().getSocketId()).matches("\\d+\\.\\d+");
        return pusher;
    }

    private com.pusher.client.Pusher connect() {
        return connect(options());
    }

    private static void assertSuccess(Result r) {
        assertThat(r.getStatus()).as("%s %s", r.getHttpStatus(), r.getMessage()).isEqualTo(Result.Status.SUCCESS);
    }

    @Test
    void aClientSubscribesAndReceivesAnEventTriggeredWithTheHttpLibrary() {
        com.pusher.client.Pusher client = connect();
        Recorder r = new Recorder();
        client.subscribe("java-public", r, "greeting");
        r.awaitSubscribed();
        assertSuccess(rest.trigger("java-public", "greeting", Map.of("message", "hello")));
        PusherEvent e = r.nextEvent();
        assertThat(e.getEventName()).isEqualTo("greeting");
        assertThat(e.getChannelName()).isEqualTo("java-public");
        assertThat(JsonTree.parse(e.getData())).isEqualTo(Map.of("message", "hello"));
    }

    @Test
    void theSocketNamedInATriggerDoesNotReceiveIt() {
        com.pusher.client.Pusher sender = connect();
        com.pusher.client.Pusher other = connect();
        Recorder senderEvents = new Recorder();
        Recorder otherEvents = new Recorder();
        sender.subscribe("java-excluding", senderEvents, "news", "marker");
        other.subscribe("java-excluding", otherEvents, "news", "marker");
        senderEvents.awaitSubscribed();
        otherEvents.awaitSubscribed();
        assertSuccess(rest.trigger("java-excluding", "news", Map.of("n", 1), sender.getConnection().getSocketId()));
        assertThat(otherEvents.nextEvent().getEventName()).isEqualTo("news");
        assertSuccess(rest.trigger("java-excluding", "marker", Map.of("n", 2)));
        assertThat(senderEvents.nextEvent().getEventName()).as("the excluded socket's first event").isEqualTo("marker");
    }

    @Test
    void aPrivateChannelIsAuthorisedWithTheHttpLibrarysSignature() {
        com.pusher.client.Pusher client = connect(options().setChannelAuthorizer(privateAuthorizer()));
        Recorder r = new Recorder();
        client.subscribePrivate("private-java", r, "secret");
        r.awaitSubscribed();
        assertSuccess(rest.trigger("private-java", "secret", Map.of("k", "v")));
        assertThat(JsonTree.parse(r.nextEvent().getData())).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void aWronglySignedPrivateChannelIsReportedToTheClientAndTheConnectionStays() {
        com.pusher.rest.Pusher impostor = new com.pusher.rest.Pusher(TestServer.APP_ID, TestServer.KEY, "wrong-secret");
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        com.pusher.client.Pusher client = connect(options().setChannelAuthorizer(
                (channelName, socketId) -> impostor.authenticate(socketId, channelName)), errors);
        Recorder r = new Recorder();
        client.subscribePrivate("private-refused", r);
        // this client reads the connection-level pusher:error; it ignores pusher:subscription_error
        assertThat(take(errors, "a connection error")).startsWith("4009 Invalid signature");
        assertThat(r.subscribed.getCount()).isEqualTo(1);
        assertThat(client.getConnection().getState()).isEqualTo(ConnectionState.CONNECTED);
        Recorder stillWorks = new Recorder();
        client.subscribe("after-refusal", stillWorks);
        stillWorks.awaitSubscribed();
    }

    @Test
    void presenceMembersAreListedAndFollowedByTheClient() {
        com.pusher.client.Pusher john = connect(options().setChannelAuthorizer(
                presenceAuthorizer(new PresenceUser("1", Map.of("name", "John")))));
        Recorder johnSees = new Recorder();
        PresenceChannel johnsChannel = john.subscribePresence("presence-java", johnSees);
        johnSees.awaitSubscribed();
        assertThat(take(johnSees.memberLists, "the member list")).extracting(User::getId).containsExactly("1");
        assertThat(johnsChannel.getMe().getId()).isEqualTo("1");

        com.pusher.client.Pusher alice = connect(options().setChannelAuthorizer(
                presenceAuthorizer(new PresenceUser("2", Map.of("name", "Alice")))));
        Recorder aliceSees = new Recorder();
        PresenceChannel alicesChannel = alice.subscribePresence("presence-java", aliceSees);
        aliceSees.awaitSubscribed();
        assertThat(take(aliceSees.memberLists, "the member list")).extracting(User::getId).containsExactlyInAnyOrder("1", "2");
        User added = take(johnSees.joined, "member_added");
        assertThat(added.getId()).isEqualTo("2");
        assertThat(JsonTree.parse(added.getInfo())).isEqualTo(Map.of("name", "Alice"));
        assertThat(alicesChannel.getUsers()).hasSize(2);

        alice.disconnect();
        assertThat(take(johnSees.left, "member_removed").getId()).isEqualTo("2");
        assertThat(johnsChannel.getUsers()).extracting(User::getId).containsExactly("1");
    }

    @Test
    void anEncryptedChannelDeliversWhatTheHttpLibraryEncrypted() {
        com.pusher.client.Pusher client = connect(options().setChannelAuthorizer(privateAuthorizer()));
        Recorder r = new Recorder();
        client.subscribePrivateEncrypted("private-encrypted-java", r, "sealed");
        r.awaitSubscribed();
        assertSuccess(rest.trigger("private-encrypted-java", "sealed", Map.of("message", "hello")));
        PusherEvent e = r.nextEvent();
        assertThat(r.failures).isEmpty();
        assertThat(JsonTree.parse(e.getData())).isEqualTo(Map.of("message", "hello"));
    }

    @Test
    void clientEventsTravelBetweenTwoClientsButNotBackToTheSender() {
        com.pusher.client.Pusher alice = connect(options().setChannelAuthorizer(privateAuthorizer()));
        com.pusher.client.Pusher bob = connect(options().setChannelAuthorizer(privateAuthorizer()));
        Recorder aliceHears = new Recorder();
        Recorder bobHears = new Recorder();
        PrivateChannel alicesChannel = alice.subscribePrivate("private-java-chat", aliceHears, "client-greeting");
        PrivateChannel bobsChannel = bob.subscribePrivate("private-java-chat", bobHears, "client-greeting");
        aliceHears.awaitSubscribed();
        bobHears.awaitSubscribed();
        alicesChannel.trigger("client-greeting", "{\"message\":\"hi bob\"}");
        PusherEvent e = bobHears.nextEvent();
        assertThat(e.getEventName()).isEqualTo("client-greeting");
        assertThat(JsonTree.parse(e.getData())).isEqualTo(Map.of("message", "hi bob"));
        bobsChannel.trigger("client-greeting", "{\"message\":\"hi alice\"}");
        assertThat(JsonTree.parse(aliceHears.nextEvent().getData())).as("alice's first event is bob's answer, not her own greeting")
                .isEqualTo(Map.of("message", "hi alice"));
        assertThat(bobHears.events).isEmpty();
    }

    @Test
    void aSignedInUserReceivesEventsSentToIt() {
        String userData = "{\"id\":\"java-user\",\"name\":\"J\"}";
        AppSigner signer = AppSigner.testApp();
        com.pusher.client.Pusher client = connect(options().setUserAuthenticator(socketId ->
                "{\"auth\":" + JsonTree.quote(signer.user(socketId, userData)) + ",\"user_data\":" + JsonTree.quote(userData) + "}"));
        BlockingQueue<PusherEvent> received = new LinkedBlockingQueue<>();
        client.user().bind("my-event", received::add);
        client.signin();
        Poll.until("signed in as java-user", () -> "java-user".equals(client.user().userId()));
        Poll.until("the client joined its #server-to-user channel",
                () -> JsonTree.map(api.get("/channels").json().get("channels")).containsKey("#server-to-user-java-user"));
        api.publishOk("#server-to-user-java-user", "my-event", "{\"works\":true}");
        PusherEvent e = take(received, "the user's event");
        assertThat(JsonTree.parse(e.getData())).isEqualTo(Map.of("works", true));
    }
}
