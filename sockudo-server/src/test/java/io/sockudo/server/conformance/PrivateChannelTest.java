package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.AppSigner;
import io.sockudo.testkit.ClientFrames;
import io.sockudo.testkit.JsonTree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Private channels: who may join, and how a refusal reads (checklist E). */
class PrivateChannelTest {

    private static final AppSigner SIGNER = AppSigner.testApp();
    private static final String INVALID_SIGNATURE = "Invalid signature: Expected HMAC SHA256 hex digest of ";

    private static SockudoServer server;
    private static HttpApiClient api;
    private static com.pusher.rest.Pusher sdk;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = HttpApiClient.of(server);
        sdk = new com.pusher.rest.Pusher(TestServer.APP_ID, TestServer.KEY, TestServer.SECRET);
    }

    @AfterAll
    static void stop() throws Exception {
        sdk.close();
        server.close();
    }

    private static WsClient client() {
        return WsClient.established(server.port(), TestServer.KEY);
    }

    /** The refused client is not a member: an event on the channel does not reach it, the next one elsewhere does. */
    private static void assertNotMember(WsClient c, String channel) {
        Join.publicChannel(c, "marker-" + channel);
        api.publishOk(channel, "secret", "{}");
        api.publishOk("marker-" + channel, "marker", "{}");
        assertThat(c.next()).isEqualTo(Expected.event("marker", "marker-" + channel, "{}"));
        assertThat(api.get("/channels/" + channel).body()).isEqualTo("{\"occupied\":false,\"subscription_count\":0}");
    }

    @Test
    void aCorrectlySignedSubscriptionSucceedsAndReceivesEvents() {
        try (WsClient c = client()) {
            c.send(ClientFrames.subscribe("private-x", SIGNER.channel(c.socketId(), "private-x")));
            assertThat(c.next()).isEqualTo(Expected.succeeded("private-x"));
            api.publishOk("private-x", "greeting", "{\"message\":\"hello\"}");
            assertThat(c.next()).isEqualTo(Expected.event("greeting", "private-x", "{\"message\":\"hello\"}"));
        }
    }

    @Test
    void theSignatureMadeByPusherHttpJavaIsAccepted() {
        try (WsClient c = client()) {
            String auth = (String) JsonTree.object(sdk.authenticate(c.socketId(), "private-sdk")).get("auth");
            c.send(ClientFrames.subscribe("private-sdk", auth));
            assertThat(c.next()).isEqualTo(Expected.succeeded("private-sdk"));
        }
    }

    @Test
    void aBadSignatureIsRefusedAsAuthErrorAndTheConnectionStaysUp() {
        try (WsClient c = client()) {
            c.send(ClientFrames.subscribe("private-bad", TestServer.KEY + ":" + "0".repeat(64)));
            String message = Join.refused(c, "private-bad", "AuthError", 401, 4009);
            assertThat(message).startsWith(INVALID_SIGNATURE);
            assertNotMember(c, "private-bad");
        }
    }

    @Test
    void aMissingSignatureIsRefusedAsAuthError() {
        try (WsClient c = client()) {
            c.send(ClientFrames.subscribe("private-unsigned"));
            assertThat(Join.refused(c, "private-unsigned", "AuthError", 401, 4009)).startsWith("Authentication signature required");
            c.send(ClientFrames.subscribe("private-unsigned", ""));
            assertThat(Join.refused(c, "private-unsigned", "AuthError", 401, 4009)).startsWith("Authentication signature required");
            assertNotMember(c, "private-unsigned");
        }
    }

    @Test
    void aSignatureMadeForAnotherSocketIsRefused() {
        try (WsClient owner = client(); WsClient thief = client()) {
            thief.send(ClientFrames.subscribe("private-stolen", SIGNER.channel(owner.socketId(), "private-stolen")));
            assertThat(Join.refused(thief, "private-stolen", "AuthError", 401, 4009)).startsWith(INVALID_SIGNATURE);
        }
    }

    @Test
    void aSignatureMadeForAnotherChannelIsRefused() {
        try (WsClient c = client()) {
            c.send(ClientFrames.subscribe("private-wanted", SIGNER.channel(c.socketId(), "private-granted")));
            assertThat(Join.refused(c, "private-wanted", "AuthError", 401, 4009)).startsWith(INVALID_SIGNATURE);
        }
    }

    @Test
    void aSignatureUnderAnotherKeyIsRefused() {
        try (WsClient c = client()) {
            String hex = SIGNER.hmac(c.socketId() + ":private-keyed");
            c.send(ClientFrames.subscribe("private-keyed", "other-key:" + hex));
            assertThat(Join.refused(c, "private-keyed", "AuthError", 401, 4009)).startsWith("Invalid key in subscription auth data");
        }
    }
}
