package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.EngineOptions;
import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.AppSigner;
import io.sockudo.testkit.ClientFrames;
import io.sockudo.testkit.JsonTree;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** User sign-in, the server-to-user channel, terminating a user's connections, and the watchlist (checklist J). */
class UserAuthenticationTest {

    private static final AppSigner SIGNER = AppSigner.testApp();

    private static SockudoServer server;
    private static HttpApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.startWith(TestServer.app().enableWatchlistEvents(true).build());
        api = HttpApiClient.of(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WsClient client() {
        return WsClient.established(server.port(), TestServer.KEY);
    }

    private static String signinSuccess(String userData) {
        return "{\"event\":\"pusher:signin_success\",\"data\":{\"user_data\":" + JsonTree.quote(userData) + "}}";
    }

    /** Signs a connection in as a user and checks the answer. */
    static void signIn(WsClient c, String userData) {
        c.send(ClientFrames.signin(userData, SIGNER.user(c.socketId(), userData)));
        assertThat(c.next()).isEqualTo(signinSuccess(userData));
    }

    private static WsClient signedIn(String userId) {
        WsClient c = client();
        signIn(c, "{\"id\":\"" + userId + "\"}");
        return c;
    }

    private static String watchlist(String eventsJson) {
        return "{\"event\":\"pusher_internal:watchlist_events\",\"data\":" + JsonTree.quote("{\"events\":" + eventsJson + "}") + "}";
    }

    @Test
    void aCorrectlySignedSigninIsAnsweredWithTheSameUserData() {
        try (WsClient c = client()) {
            String userData = "{\"id\":\"1\",\"name\":\"n\",\"user_info\":{\"x\":[1,2]}}";
            c.send(ClientFrames.signin(userData, SIGNER.user(c.socketId(), userData)));
            assertThat(c.next()).isEqualTo(signinSuccess(userData));
            Join.stillUp(c);
        }
    }

    @Test
    void aBadSigninSignatureGetsError4009AndIsClosedWith4009() {
        try (WsClient c = client()) {
            c.send(ClientFrames.signin("{\"id\":\"1\"}", TestServer.KEY + ":" + "0".repeat(64)));
            Expected.error(c.next(), 4009);
            assertThat(c.closeCode(3000)).isEqualTo(4009);
        }
    }

    @Test
    void userDataWithoutAnIdGetsError4009AndIsClosedWith4009() {
        try (WsClient c = client()) {
            String userData = "{\"name\":\"anonymous\"}";
            c.send(ClientFrames.signin(userData, SIGNER.user(c.socketId(), userData)));
            Expected.error(c.next(), 4009);
            assertThat(c.closeCode(3000)).isEqualTo(4009);
        }
    }

    @Test
    void userDataWithAnIdThatIsNeitherStringNorIntegerGetsError4009AndIsClosedWith4009() {
        try (WsClient c = client()) {
            String userData = "{\"id\":true}";
            c.send(ClientFrames.signin(userData, SIGNER.user(c.socketId(), userData)));
            Expected.error(c.next(), 4009);
            assertThat(c.closeCode(3000)).isEqualTo(4009);
        }
    }

    @Test
    void theServerToUserChannelIsOpenOnlyToTheConnectionSignedInAsThatUser() {
        try (WsClient owner = signedIn("u1"); WsClient someoneElse = signedIn("u2"); WsClient anonymous = client()) {
            Join.publicChannel(owner, "#server-to-user-u1");
            someoneElse.send(ClientFrames.subscribe("#server-to-user-u1"));
            Expected.subscriptionError(someoneElse.next(), "#server-to-user-u1", "AuthError", 401);
            Expected.error(someoneElse.next(), 4009);
            anonymous.send(ClientFrames.subscribe("#server-to-user-u1"));
            Expected.subscriptionError(anonymous.next(), "#server-to-user-u1", "AuthError", 401);
            Expected.error(anonymous.next(), 4009);
            Join.stillUp(someoneElse);
            Join.stillUp(anonymous);
        }
    }

    @Test
    void anEventPublishedToAUserReachesEveryConnectionOfThatUserOnly() {
        try (WsClient phone = signedIn("u3"); WsClient laptop = signedIn("u3"); WsClient other = signedIn("u4")) {
            Join.publicChannel(phone, "#server-to-user-u3");
            Join.publicChannel(laptop, "#server-to-user-u3");
            Join.publicChannel(other, "#server-to-user-u4");
            api.publishOk("#server-to-user-u3", "my-event", "{\"works\":true}");
            String expected = "{\"event\":\"my-event\",\"channel\":\"#server-to-user-u3\",\"data\":\"{\\\"works\\\":true}\"}";
            assertThat(phone.next()).isEqualTo(expected);
            assertThat(laptop.next()).isEqualTo(expected);
            api.publishSentinel("#server-to-user-u4");
            assertThat(other.framesBeforeSentinel()).isEmpty();
        }
    }

    @Test
    void terminatingAUserClosesEachOfItsConnectionsWith4009AndNoOtherConnection() {
        try (WsClient phone = signedIn("u5"); WsClient laptop = signedIn("u5"); WsClient other = signedIn("u6")) {
            Join.presence(phone, "presence-terminate", "{\"user_id\":\"u5\"}");
            Join.presence(other, "presence-terminate", "{\"user_id\":\"u6\"}");
            HttpApiClient.Response r = api.post("/users/u5/terminate_connections", "{}");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{}");
            for (WsClient c : new WsClient[] {phone, laptop}) {
                assertThat(Expected.error(c.nextStartingWith("{\"event\":\"pusher:error\""), 4009))
                        .isEqualTo("You got disconnected by the app.");
                assertThat(c.closeCode(3000)).isEqualTo(4009);
            }
            assertThat(other.next()).isEqualTo("{\"event\":\"pusher_internal:member_removed\",\"channel\":\"presence-terminate\","
                    + "\"data\":\"{\\\"user_id\\\":\\\"u5\\\"}\"}");
            Join.stillUp(other);
            assertThat(api.get("/channels/presence-terminate/users").body()).isEqualTo("{\"users\":[{\"id\":\"u6\"}]}");
        }
    }

    @Test
    void signinWithAWatchlistReportsWhoIsOnlineAndOfflineThenFollowsThem() {
        try (WsClient online = signedIn("w2"); WsClient watcher = client()) {
            String userData = "{\"id\":\"w1\",\"watchlist\":[\"w2\",\"w3\"]}";
            signIn(watcher, userData);
            assertThat(watcher.next()).isEqualTo(watchlist(
                    "[{\"name\":\"online\",\"user_ids\":[\"w2\"]},{\"name\":\"offline\",\"user_ids\":[\"w3\"]}]"));
            Join.stillUp(online);
            Join.publicChannel(watcher, "watch-sentinel");
            WsClient w3 = signedIn("w3");
            assertThat(watcher.next()).isEqualTo(watchlist("[{\"name\":\"online\",\"user_ids\":[\"w3\"]}]"));
            WsClient w3Again = signedIn("w3");
            // watchlist changes go to the watcher's thread as deliveries do: a publish after them arrives after them
            Join.stillUp(w3Again);
            api.publishSentinel("watch-sentinel");
            assertThat(watcher.framesBeforeSentinel()).as("a second connection of an online user changes nothing").isEmpty();
            // the server lets go of a connection before it acknowledges its close
            w3.close();
            api.publishSentinel("watch-sentinel");
            assertThat(watcher.framesBeforeSentinel()).as("the user still has a connection").isEmpty();
            w3Again.close();
            assertThat(watcher.next()).isEqualTo(watchlist("[{\"name\":\"offline\",\"user_ids\":[\"w3\"]}]"));
        }
    }

    @Test
    void aWatchlistOfOfflineUsersOmitsTheEmptyOnlineEntry() {
        try (WsClient watcher = client()) {
            signIn(watcher, "{\"id\":\"w10\",\"watchlist\":[\"w11\"]}");
            assertThat(watcher.next()).isEqualTo(watchlist("[{\"name\":\"offline\",\"user_ids\":[\"w11\"]}]"));
        }
    }

    @Test
    void aConnectionThatNeitherSignsInNorJoinsAPrivateChannelIsClosedWhenTheAppRequiresUsers() {
        try (SockudoServer strict = strictServer();
             WsClient idle = WsClient.established(strict.port(), TestServer.KEY)) {
            Join.publicChannel(idle, "public-only");
            assertThat(Expected.error(idle.next(3000), 4009)).isEqualTo("Connection not authorized within timeout.");
            assertThat(idle.closeCode(3000)).isEqualTo(4009);
        }
    }

    @Test
    void signingInOrJoiningAPrivateChannelKeepsTheConnectionWhenTheAppRequiresUsers() {
        try (SockudoServer strict = strictServer();
             WsClient signedIn = WsClient.established(strict.port(), TestServer.KEY);
             WsClient privateMember = WsClient.established(strict.port(), TestServer.KEY);
             WsClient presenceMember = WsClient.established(strict.port(), TestServer.KEY);
             WsClient idle = WsClient.established(strict.port(), TestServer.KEY)) {
            signIn(signedIn, "{\"id\":\"kept\"}");
            Join.privateChannel(privateMember, "private-kept");
            Join.presence(presenceMember, "presence-kept", "{\"user_id\":\"p\"}");
            // the idle connection's closing shows the timeout has passed for all of them
            idle.closeCode(3000);
            for (WsClient c : new WsClient[] {signedIn, privateMember, presenceMember}) {
                String f;
                c.send(ClientFrames.ping());
                while (!(f = c.next()).equals(Expected.PONG)) {
                    assertThat(f).as("only presence news may arrive").startsWith("{\"event\":\"pusher_internal:member_");
                }
                assertThat(c.isClosed()).isFalse();
            }
        }
    }

    private static SockudoServer strictServer() {
        return TestServer.start(b -> b.app(TestServer.app().enableUserAuthentication(true).build())
                .engine(EngineOptions.builder().userAuthenticationTimeout(Duration.ofMillis(800)).build()));
    }
}
