package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.app.App;
import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.ClientFrames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code pusher_internal:subscription_count}: subscribers learn how many they are (checklist K). */
class SubscriptionCountTest {

    private static SockudoServer server;

    @BeforeAll
    static void start() {
        server = TestServer.startWith(TestServer.app().enableSubscriptionCount(true).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WsClient client() {
        return WsClient.established(server.port(), TestServer.KEY);
    }

    /**
     * Reads count frames until the expected one; updates are coalesced, so intermediate counts
     * may or may not appear, but every count frame must be well formed and the final one must come.
     */
    private static void awaitCount(WsClient c, String channel, int count) {
        String expected = Expected.subscriptionCount(channel, count);
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            String f = c.poll(Math.max(1, deadline - System.currentTimeMillis()));
            if (f == null) {
                break;
            }
            if (f.equals(expected)) {
                return;
            }
            assertThat(f).as("only count updates are expected").matches(
                    "\\{\"event\":\"pusher_internal:subscription_count\",\"channel\":\"" + channel
                            + "\",\"data\":\"\\{\\\\\"subscription_count\\\\\":\\d+}\"}");
        }
        throw new AssertionError("no " + expected);
    }

    @Test
    void subscribersLearnTheCountAsOthersComeAndGo() {
        try (WsClient first = client(); WsClient second = client()) {
            Join.publicChannel(first, "counted");
            awaitCount(first, "counted", 1);
            Join.publicChannel(second, "counted");
            awaitCount(second, "counted", 2);
            awaitCount(first, "counted", 2);
            second.send(ClientFrames.unsubscribe("counted"));
            awaitCount(first, "counted", 1);
        }
    }

    @Test
    void aBurstOfSubscriptionsEndsWithTheFinalCount() {
        WsClient[] clients = new WsClient[8];
        try {
            for (int i = 0; i < clients.length; i++) {
                clients[i] = client();
                clients[i].send(ClientFrames.subscribe("bursty"));
            }
            for (WsClient c : clients) {
                assertThat(c.next()).isEqualTo(Expected.succeeded("bursty"));
                awaitCount(c, "bursty", clients.length);
            }
        } finally {
            for (WsClient c : clients) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }

    @Test
    void privateChannelsAreCountedToo() {
        try (WsClient c = client()) {
            Join.privateChannel(c, "private-counted");
            awaitCount(c, "private-counted", 1);
        }
    }

    @Test
    void presenceChannelsGetNoCountUpdates() {
        try (WsClient first = client(); WsClient second = client()) {
            Join.presence(first, "presence-uncounted", "{\"user_id\":\"1\"}");
            Join.presence(second, "presence-uncounted", "{\"user_id\":\"2\"}");
            assertThat(first.next()).startsWith("{\"event\":\"pusher_internal:member_added\"");
            Join.stillUp(second);
            // one timer sends the count updates in order: once a later public channel's update has
            // come, any update for the presence channel has been handed on, and a publish to it now
            // arrives after that
            Join.publicChannel(first, "count-sentinel");
            assertThat(first.framesBefore(Expected.subscriptionCount("count-sentinel", 1)::equals)).isEmpty();
            HttpApiClient.of(server).publishSentinel("presence-uncounted");
            assertThat(first.framesBeforeSentinel()).isEmpty();
            assertThat(second.framesBeforeSentinel()).isEmpty();
        }
    }

    @Test
    void anAppWithoutTheFeatureSendsNoCountUpdates() {
        App counted = App.builder("counted-id", "counted-key", "counted-secret").enableSubscriptionCount(true).build();
        try (SockudoServer plain = TestServer.start(b -> b.app(TestServer.app().build()).app(counted));
             WsClient c = WsClient.established(plain.port(), TestServer.KEY);
             WsClient sentinel = WsClient.established(plain.port(), "counted-key")) {
            Join.publicChannel(c, "uncounted");
            Join.stillUp(c);
            // the server's one timer sends every app's count updates in order: once the other app's
            // has come, any of this one's has been handed on, and a publish to it now arrives after that
            Join.publicChannel(sentinel, "counted-elsewhere");
            awaitCount(sentinel, "counted-elsewhere", 1);
            HttpApiClient.of(plain).publishSentinel("uncounted");
            assertThat(c.framesBeforeSentinel()).isEmpty();
        }
    }
}
