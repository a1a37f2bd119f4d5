package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.JsonTree;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Questions the HTTP API answers about channels and presence users, and how fast they follow departures (checklist N, 32, 59). */
class HttpApiQueryTest {

    private SockudoServer server;
    private HttpApiClient api;

    @BeforeEach
    void start() {
        server = TestServer.start();
        api = HttpApiClient.of(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String okBody(HttpApiClient.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
        return r.body();
    }

    @Test
    void channelsListsOnlyOccupiedChannelsWithEmptyAttributes() {
        assertThat(okBody(api.get("/channels"))).isEqualTo("{\"channels\":{}}");
        try (WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            Join.publicChannel(c, "alpha");
            Join.publicChannel(c, "beta");
            Join.publicChannel(c, "gone");
            c.send(io.sockudo.testkit.ClientFrames.unsubscribe("gone"));
            Join.stillUp(c);
            Map<String, Object> body = api.get("/channels").json();
            assertThat(body).containsOnlyKeys("channels");
            assertThat(JsonTree.map(body.get("channels"))).containsOnlyKeys("alpha", "beta");
            assertThat(JsonTree.at(body, "channels", "alpha")).isEqualTo(Map.of());
        }
    }

    @Test
    void channelsFiltersByPrefixAndReportsSubscriptionCounts() {
        try (WsClient a = WsClient.established(server.port(), TestServer.KEY);
             WsClient b = WsClient.established(server.port(), TestServer.KEY)) {
            Join.publicChannel(a, "room-1");
            Join.publicChannel(b, "room-1");
            Join.publicChannel(a, "hall");
            assertThat(okBody(api.get("/channels", Map.of("filter_by_prefix", "room-", "info", "subscription_count"))))
                    .isEqualTo("{\"channels\":{\"room-1\":{\"subscription_count\":2}}}");
        }
    }

    @Test
    void channelsReportsUserCountsOnlyWhenFilteredToPresenceChannels() {
        try (WsClient a = WsClient.established(server.port(), TestServer.KEY);
             WsClient b = WsClient.established(server.port(), TestServer.KEY)) {
            Join.presence(a, "presence-room", "{\"user_id\":\"1\"}");
            Join.presence(b, "presence-room", "{\"user_id\":\"1\"}");
            assertThat(okBody(api.get("/channels", Map.of("filter_by_prefix", "presence-", "info", "user_count"))))
                    .isEqualTo("{\"channels\":{\"presence-room\":{\"user_count\":1}}}");
            ApiErrors.check(api.get("/channels", Map.of("info", "user_count")), 400);
        }
    }

    @Test
    void aChannelReportsOccupancyAndSubscriptionCount() {
        assertThat(okBody(api.get("/channels/lobby"))).isEqualTo("{\"occupied\":false,\"subscription_count\":0}");
        try (WsClient a = WsClient.established(server.port(), TestServer.KEY);
             WsClient b = WsClient.established(server.port(), TestServer.KEY)) {
            Join.publicChannel(a, "lobby");
            Join.publicChannel(b, "lobby");
            assertThat(okBody(api.get("/channels/lobby"))).isEqualTo("{\"occupied\":true,\"subscription_count\":2}");
            assertThat(okBody(api.get("/channels/lobby", Map.of("info", "subscription_count"))))
                    .isEqualTo("{\"occupied\":true,\"subscription_count\":2}");
        }
    }

    @Test
    void aPresenceChannelReportsItsUserCountWhenAskedAndOthersRefuseIt() {
        try (WsClient a = WsClient.established(server.port(), TestServer.KEY);
             WsClient b = WsClient.established(server.port(), TestServer.KEY)) {
            Join.presence(a, "presence-lobby", "{\"user_id\":\"1\"}");
            Join.presence(b, "presence-lobby", "{\"user_id\":\"2\"}");
            Map<String, Object> body = api.get("/channels/presence-lobby", Map.of("info", "user_count,subscription_count")).json();
            assertThat(body).containsEntry("occupied", true).containsEntry("user_count", 2L).containsEntry("subscription_count", 2L);
            ApiErrors.check(api.get("/channels/lobby", Map.of("info", "user_count")), 400);
        }
    }

    @Test
    void usersListsTheDistinctUsersOfAPresenceChannel() {
        try (WsClient a = WsClient.established(server.port(), TestServer.KEY);
             WsClient b = WsClient.established(server.port(), TestServer.KEY);
             WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            Join.presence(a, "presence-team", "{\"user_id\":\"1\"}");
            Join.presence(b, "presence-team", "{\"user_id\":\"2\"}");
            Join.presence(c, "presence-team", "{\"user_id\":\"1\"}");
            Map<String, Object> body = api.get("/channels/presence-team/users").json();
            assertThat(body).containsOnlyKeys("users");
            assertThat(JsonTree.list(body.get("users"))).containsExactlyInAnyOrder(Map.of("id", "1"), Map.of("id", "2"));
        }
    }

    @Test
    void usersOfAnEmptyPresenceChannelIsAnEmptyList() {
        assertThat(okBody(api.get("/channels/presence-empty/users"))).isEqualTo("{\"users\":[]}");
    }

    @Test
    void usersOfANonPresenceChannelIs400() {
        ApiErrors.check(api.get("/channels/lobby/users"), 400);
        ApiErrors.check(api.get("/channels/private-lobby/users"), 400);
    }

    @Test
    void theLastUnsubscribeRemovesTheChannel() {
        try (WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            Join.publicChannel(c, "short-lived");
            c.send(io.sockudo.testkit.ClientFrames.unsubscribe("short-lived"));
            Join.stillUp(c);
            assertThat(okBody(api.get("/channels"))).isEqualTo("{\"channels\":{}}");
            assertThat(okBody(api.get("/channels/short-lived"))).isEqualTo("{\"occupied\":false,\"subscription_count\":0}");
        }
    }

    @Test
    void aClosedConnectionIsGoneFromEveryAnswerAtOnce() {
        WsClient stays = WsClient.established(server.port(), TestServer.KEY);
        WsClient leaves = WsClient.established(server.port(), TestServer.KEY);
        try {
            Join.publicChannel(leaves, "departures");
            Join.presence(leaves, "presence-departures", "{\"user_id\":\"gone\"}");
            Join.presence(stays, "presence-departures", "{\"user_id\":\"here\"}");
            leaves.close();
            // no waiting: the close handshake is done, so the server has released everything
            assertThat(okBody(api.get("/channels/departures"))).isEqualTo("{\"occupied\":false,\"subscription_count\":0}");
            assertThat(okBody(api.get("/channels/presence-departures/users"))).isEqualTo("{\"users\":[{\"id\":\"here\"}]}");
            assertThat(okBody(api.get("/channels"))).isEqualTo("{\"channels\":{\"presence-departures\":{}}}");
        } finally {
            stays.close();
        }
    }
}
