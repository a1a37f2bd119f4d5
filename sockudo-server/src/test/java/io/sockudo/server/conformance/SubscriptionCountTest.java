package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import io.sockudo.testkit.ClientFrames;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
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
            assertThat(first.poll(300)).isNull();
            assertThat(second.poll(0)).isNull();
        }
    }

    @Test
    void anAppWithoutTheFeatureSendsNoCountUpdates() {
        try (SockudoServer plain = TestServer.start();
             WsClient c = WsClient.established(plain.port(), TestServer.KEY)) {
            Join.publicChannel(c, "uncounted");
            assertThat(c.poll(300)).isNull();
        }
    }
}
