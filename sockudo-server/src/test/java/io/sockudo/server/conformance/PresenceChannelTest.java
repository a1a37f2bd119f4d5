package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.AppSigner;
import io.sockudo.testkit.ClientFrames;
import io.sockudo.testkit.JsonTree;
import io.sockudo.testkit.Sentinel;
import io.sockudo.testkit.ws.RawWebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Presence channels: the member list, joins and leaves, one member per user, and the limits (checklist G). */
class PresenceChannelTest {

    private static final AppSigner SIGNER = AppSigner.testApp();

    private static SockudoServer server;
    private static HttpApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = HttpApiClient.of(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WsClient client() {
        return WsClient.established(server.port(), TestServer.KEY);
    }

    /** The presence object inside a subscription_succeeded frame, after checking the frame's envelope. */
    private static Map<String, Object> presenceOf(String frame, String channel) {
        Map<String, Object> f = JsonTree.object(frame);
        assertThat(f.get("event")).as(frame).isEqualTo("pusher_internal:subscription_succeeded");
        assertThat(f.get("channel")).isEqualTo(channel);
        assertThat(f.get("data")).as("data is a JSON string").isInstanceOf(String.class);
        Map<String, Object> data = JsonTree.object((String) f.get("data"));
        assertThat(data).containsOnlyKeys("presence");
        return JsonTree.map(data.get("presence"));
    }

    private static List<String> idsAsText(Map<String, Object> presence) {
        return JsonTree.list(presence.get("ids")).stream().map(String::valueOf).toList();
    }

    @Test
    void subscribingListsTheMembersIncludingTheJoiner() {
        try (WsClient c = client()) {
            String frame = Join.presence(c, "presence-one", "{\"user_id\":\"1\",\"user_info\":{\"name\":\"John\"}}");
            assertThat(frame).isEqualTo("{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"presence-one\","
                    + "\"data\":\"{\\\"presence\\\":{\\\"ids\\\":[\\\"1\\\"],\\\"hash\\\":{\\\"1\\\":{\\\"name\\\":\\\"John\\\"}},\\\"count\\\":1}}\"}");
        }
    }

    @Test
    void aJoiningUserIsAnnouncedToTheOthersButNotToItself() {
        try (WsClient first = client(); WsClient second = client()) {
            Join.presence(first, "presence-join", "{\"user_id\":\"1\",\"user_info\":{\"name\":\"John\"}}");
            String joined = Join.presence(second, "presence-join", "{\"user_id\":\"2\",\"user_info\":{\"name\":\"Alice\"}}");
            Map<String, Object> presence = presenceOf(joined, "presence-join");
            assertThat(presence.get("count")).isEqualTo(2L);
            assertThat(idsAsText(presence)).containsExactlyInAnyOrder("1", "2");
            assertThat(JsonTree.map(presence.get("hash"))).isEqualTo(Map.of("1", Map.of("name", "John"), "2", Map.of("name", "Alice")));
            assertThat(first.next()).isEqualTo("{\"event\":\"pusher_internal:member_added\",\"channel\":\"presence-join\","
                    + "\"data\":\"{\\\"user_id\\\":\\\"2\\\",\\\"user_info\\\":{\\\"name\\\":\\\"Alice\\\"}}\"}");
            Join.stillUp(second);
        }
    }

    @Test
    void aLeavingUserIsAnnouncedWhetherItUnsubscribesOrDisconnects() {
        try (WsClient stays = client()) {
            Join.presence(stays, "presence-leave", "{\"user_id\":\"1\"}");
            try (WsClient unsubscribes = client()) {
                Join.presence(unsubscribes, "presence-leave", "{\"user_id\":\"2\"}");
                stays.nextStartingWith("{\"event\":\"pusher_internal:member_added\"");
                unsubscribes.send(ClientFrames.unsubscribe("presence-leave"));
                assertThat(stays.next()).isEqualTo("{\"event\":\"pusher_internal:member_removed\",\"channel\":\"presence-leave\","
                        + "\"data\":\"{\\\"user_id\\\":\\\"2\\\"}\"}");
            }
            WsClient disconnects = client();
            Join.presence(disconnects, "presence-leave", "{\"user_id\":\"3\"}");
            stays.nextStartingWith("{\"event\":\"pusher_internal:member_added\"");
            disconnects.close();
            assertThat(stays.next()).isEqualTo("{\"event\":\"pusher_internal:member_removed\",\"channel\":\"presence-leave\","
                    + "\"data\":\"{\\\"user_id\\\":\\\"3\\\"}\"}");
        }
    }

    @Test
    void aNumericUserIdIsEchoedAsTheAppWroteIt() {
        try (WsClient stays = client(); WsClient numeric = client()) {
            Join.presence(stays, "presence-numeric", "{\"user_id\":\"1\"}");
            String joined = Join.presence(numeric, "presence-numeric", "{\"user_id\":7,\"user_info\":{\"id\":7}}");
            Map<String, Object> presence = presenceOf(joined, "presence-numeric");
            assertThat(idsAsText(presence)).containsExactlyInAnyOrder("1", "7");
            assertThat(JsonTree.map(presence.get("hash"))).containsEntry("7", Map.of("id", 7L));
            assertThat(stays.next()).isEqualTo("{\"event\":\"pusher_internal:member_added\",\"channel\":\"presence-numeric\","
                    + "\"data\":\"{\\\"user_id\\\":7,\\\"user_info\\\":{\\\"id\\\":7}}\"}");
            numeric.send(ClientFrames.unsubscribe("presence-numeric"));
            assertThat(stays.next()).isEqualTo("{\"event\":\"pusher_internal:member_removed\",\"channel\":\"presence-numeric\","
                    + "\"data\":\"{\\\"user_id\\\":7}\"}");
        }
    }

    @Test
    void aMemberWithoutUserInfoIsListedWithAnEmptyOrNullInfo() {
        try (WsClient c = client()) {
            Map<String, Object> presence = presenceOf(Join.presence(c, "presence-bare", "{\"user_id\":\"bare\"}"), "presence-bare");
            assertThat(idsAsText(presence)).containsExactly("bare");
            assertThat(JsonTree.map(presence.get("hash"))).containsOnlyKeys("bare");
        }
    }

    @Test
    void oneUserOnSeveralConnectionsIsOneMember() {
        try (WsClient watcher = client(); WsClient tab1 = client(); WsClient tab2 = client()) {
            Join.presence(watcher, "presence-tabs", "{\"user_id\":\"0\"}");
            Join.presence(tab1, "presence-tabs", "{\"user_id\":\"1\"}");
            assertThat(watcher.next()).startsWith("{\"event\":\"pusher_internal:member_added\"");
            Map<String, Object> second = presenceOf(Join.presence(tab2, "presence-tabs", "{\"user_id\":\"1\"}"), "presence-tabs");
            assertThat(second.get("count")).isEqualTo(2L);
            Join.stillUp(tab2);
            assertThat(idsAsText(second)).containsExactlyInAnyOrder("0", "1");
            tab1.send(ClientFrames.unsubscribe("presence-tabs"));
            Join.stillUp(tab1);
            api.publishSentinel("presence-tabs");
            assertThat(watcher.framesBeforeSentinel()).as("no member_added for a second tab, no member_removed while a tab remains").isEmpty();
            assertThat(tab2.next()).as("the sentinel").startsWith("{\"event\":\"" + Sentinel.EVENT + "\"");
            tab2.send(ClientFrames.unsubscribe("presence-tabs"));
            assertThat(watcher.next()).isEqualTo("{\"event\":\"pusher_internal:member_removed\",\"channel\":\"presence-tabs\","
                    + "\"data\":\"{\\\"user_id\\\":\\\"1\\\"}\"}");
        }
    }

    @Test
    void aBadSignatureOrChannelDataAlteredAfterSigningIsRefusedAsAuthError() {
        try (WsClient c = client()) {
            String signed = "{\"user_id\":\"1\"}";
            c.send(ClientFrames.subscribe("presence-forged", SIGNER.presence(c.socketId(), "presence-forged", signed),
                    "{\"user_id\":\"admin\"}"));
            assertThat(Join.refused(c, "presence-forged", "AuthError", 401, 4009))
                    .startsWith("Invalid signature: Expected HMAC SHA256 hex digest of ");
            c.send(ClientFrames.subscribe("presence-forged", TestServer.KEY + ":" + "a".repeat(64), signed));
            Join.refused(c, "presence-forged", "AuthError", 401, 4009);
            assertThat(api.get("/channels/presence-forged/users").body()).isEqualTo("{\"users\":[]}");
        }
    }

    @Test
    void missingChannelDataIsRefusedAsInvalidChannelData() {
        try (WsClient c = client()) {
            c.send(ClientFrames.subscribe("presence-nodata", SIGNER.channel(c.socketId(), "presence-nodata")));
            Join.refused(c, "presence-nodata", "InvalidChannelData", 400, 4000);
        }
    }

    @Test
    void channelDataThatIsNotJsonOrHasNoUserIdIsRefusedAsInvalidChannelData() {
        try (WsClient c = client()) {
            for (String data : List.of("not json", "{\"user_info\":{\"name\":\"nobody\"}}", "[1,2]", "{\"user_id\":null}")) {
                c.send(ClientFrames.subscribe("presence-baddata", SIGNER.presence(c.socketId(), "presence-baddata", data), data));
                Join.refused(c, "presence-baddata", "InvalidChannelData", 400, 4000);
            }
        }
    }

    @Test
    void userInfoOverTwoKilobytesIsRefusedAsLimitReached() {
        try (WsClient c = client()) {
            String big = "{\"user_id\":\"big\",\"user_info\":{\"bio\":\"" + "x".repeat(3 * 1024) + "\"}}";
            c.send(ClientFrames.subscribe("presence-sized", SIGNER.presence(c.socketId(), "presence-sized", big), big));
            Join.refused(c, "presence-sized", "LimitReached", 413, 4300);
            String fits = "{\"user_id\":\"small\",\"user_info\":{\"bio\":\"" + "x".repeat(1024) + "\"}}";
            assertThat(Join.presence(c, "presence-sized", fits)).startsWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
        }
    }

    @Test
    void theUserInfoLimitIsTwoKilobytesExactly() {
        try (WsClient c = client()) {
            // {"b":"…"} is 8 bytes around the padding
            String atLimit = "{\"b\":\"" + "x".repeat(2048 - 8) + "\"}";
            String overLimit = "{\"b\":\"" + "x".repeat(2049 - 8) + "\"}";
            String over = "{\"user_id\":\"over\",\"user_info\":" + overLimit + "}";
            c.send(ClientFrames.subscribe("presence-exact", SIGNER.presence(c.socketId(), "presence-exact", over), over));
            Join.refused(c, "presence-exact", "LimitReached", 413, 4300);
            assertThat(Join.presence(c, "presence-exact", "{\"user_id\":\"at\",\"user_info\":" + atLimit + "}"))
                    .startsWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
        }
    }

    @Test
    void theHundredAndFirstDistinctUserIsRefusedAsLimitReached() {
        List<RawWebSocket> members = new ArrayList<>();
        try (WsClient late = client(); WsClient again = client()) {
            for (int i = 0; i < 100; i++) {
                RawWebSocket ws = RawWebSocket.established(server.port(), TestServer.KEY);
                members.add(ws);
                String data = "{\"user_id\":\"u" + i + "\"}";
                ws.sendText(ClientFrames.subscribe("presence-full", SIGNER.presence(ws.socketId(), "presence-full", data), data));
                assertThat(ws.nextText(5000)).startsWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
            }
            String data = "{\"user_id\":\"u100\"}";
            late.send(ClientFrames.subscribe("presence-full", SIGNER.presence(late.socketId(), "presence-full", data), data));
            Join.refused(late, "presence-full", "LimitReached", 4100, 4100);
            assertThat(Join.presence(again, "presence-full", "{\"user_id\":\"u0\"}"))
                    .as("a user who is already a member is not a new member")
                    .startsWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
        } finally {
            members.forEach(RawWebSocket::close);
        }
    }

    @Test
    void aPresenceCacheChannelListsMembersThenReportsTheCache() {
        try (WsClient c = client()) {
            String frame = Join.presence(c, "presence-cache-room", "{\"user_id\":\"1\"}");
            assertThat(presenceOf(frame, "presence-cache-room").get("count")).isEqualTo(1L);
            assertThat(c.next()).isEqualTo(Expected.cacheMiss("presence-cache-room"));
        }
        api.publishOk("presence-cache-room", "kept", "{\"v\":1}");
        try (WsClient c = client()) {
            Join.presence(c, "presence-cache-room", "{\"user_id\":\"2\"}");
            assertThat(c.next()).isEqualTo(Expected.event("kept", "presence-cache-room", "{\"v\":1}"));
        }
    }
}
