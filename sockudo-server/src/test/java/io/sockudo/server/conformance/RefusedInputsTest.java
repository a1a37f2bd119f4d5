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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inputs refused or read leniently, over real sockets: a delta opt-in with no algorithm in common,
 * an oversized presence user_id, one channel too many, a refused client event (answered on its
 * channel) and numeric user ids (Laravel and soketi apps send {@code {"id": 1}}).
 */
class RefusedInputsTest {

    private static final AppSigner SIGNER = AppSigner.testApp();
    private static final int MAX_CHANNELS = 3;

    private static SockudoServer server;
    private static HttpApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.start(b -> b.app(TestServer.app().build())
                .engine(EngineOptions.builder().maxChannelsPerConnection(MAX_CHANNELS).build()));
        api = HttpApiClient.of(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WsClient client() {
        return WsClient.established(server.port(), TestServer.KEY);
    }

    @Test
    void aDeltaOptInWithNoAlgorithmInCommonIsAnsweredDisabled() {
        try (WsClient c = client()) {
            c.send("{\"event\":\"pusher:enable_delta_compression\",\"data\":{\"algorithms\":[\"nope\"]}}");
            assertThat(c.next()).isEqualTo("{\"event\":\"pusher:delta_compression_enabled\",\"data\":{\"enabled\":false}}");

            Join.publicChannel(c, "ticker-nope");
            String data = "{\\\"px\\\":\\\"" + "7".repeat(300) + "\\\"}";
            api.publishOk("ticker-nope", "tick", "{\"px\":\"" + "7".repeat(300) + "\"}");
            api.publishOk("ticker-nope", "tick", "{\"px\":\"" + "7".repeat(300) + "\"}");
            String expected = "{\"event\":\"tick\",\"channel\":\"ticker-nope\",\"data\":\"" + data + "\"}";
            assertThat(c.next()).as("plain, no __delta_seq").isEqualTo(expected);
            assertThat(c.next()).as("plain, no delta").isEqualTo(expected);
        }
    }

    @Test
    void aPresenceUserIdLongerThanPushersCapIsRefusedAndTheCapItselfIsFine() {
        try (WsClient c = client()) {
            String tooLong = "{\"user_id\":\"" + "u".repeat(129) + "\"}";
            c.send(ClientFrames.subscribe("presence-long", SIGNER.presence(c.socketId(), "presence-long", tooLong), tooLong));
            assertThat(Join.refused(c, "presence-long", "InvalidChannelData", 400, 4300))
                    .contains("129 characters, the limit is 128");

            String longest = "{\"user_id\":\"" + "u".repeat(128) + "\"}";
            assertThat(Join.presence(c, "presence-long", longest)).startsWith(
                    "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"presence-long\"");
        }
    }

    @Test
    void oneChannelOverTheCapIsRefusedWithLimitReached() {
        try (WsClient c = client()) {
            for (int i = 0; i < MAX_CHANNELS; i++) {
                Join.publicChannel(c, "cap-" + i);
            }
            c.send(ClientFrames.subscribe("cap-over"));
            assertThat(Join.refused(c, "cap-over", "LimitReached", 4100, 4100)).contains("at most " + MAX_CHANNELS + " channels");

            c.send(ClientFrames.unsubscribe("cap-0"));
            Join.publicChannel(c, "cap-over");
        }
    }

    @Test
    void aRefusedClientEventNamesItsChannelAndReachesNobody() {
        try (WsClient sender = client(); WsClient other = client()) {
            Join.privateChannel(sender, "private-quiet");
            Join.privateChannel(other, "private-quiet");

            sender.send(ClientFrames.clientEvent("client-typing", "private-quiet", "{}"));

            String error = sender.next();
            assertThat(Expected.error(error, 4301)).contains("client messaging");
            assertThat(JsonTree.object(error)).containsEntry("channel", "private-quiet");
            api.publishOk("private-quiet", "sentinel", "{}");
            assertThat(other.next()).as("the refused event never arrived before the sentinel")
                    .startsWith("{\"event\":\"sentinel\"");
        }
    }

    @Test
    void aNumericSignInIdIsThatUserForServerToUserChannels() {
        try (WsClient c = client()) {
            String userData = "{\"id\":1,\"name\":\"Taylor\"}";
            c.send(ClientFrames.signin(userData, SIGNER.user(c.socketId(), userData)));
            assertThat(c.next()).isEqualTo("{\"event\":\"pusher:signin_success\",\"data\":{\"user_data\":"
                    + JsonTree.quote(userData) + "}}");

            Join.publicChannel(c, "#server-to-user-1");
            api.publishOk("#server-to-user-1", "note", "hi");
            assertThat(c.next()).isEqualTo("{\"event\":\"note\",\"channel\":\"#server-to-user-1\",\"data\":\"hi\"}");
        }
    }

    @Test
    void aNumericPresenceUserIdIsAMemberUnderItsDecimalString() {
        try (WsClient c = client()) {
            String succeeded = Join.presence(c, "presence-numeric", "{\"user_id\":42,\"user_info\":{\"n\":1}}");
            assertThat(succeeded).contains("\\\"ids\\\":[\\\"42\\\"]");
            HttpApiClient.Response users = api.get("/channels/presence-numeric/users");
            assertThat(users.body()).isEqualTo("{\"users\":[{\"id\":\"42\"}]}");
        }
    }
}
