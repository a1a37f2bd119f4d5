package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.EngineOptions;
import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cache channels hand a new subscriber the last published event, or say there is none (checklist H). */
class CacheChannelTest {

    private static SockudoServer server;
    private static HttpApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.start(b -> b.app(TestServer.app().build())
                .engine(EngineOptions.builder().cacheTtl(Duration.ofSeconds(1)).build()));
        api = HttpApiClient.of(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WsClient client() {
        return WsClient.established(server.port(), TestServer.KEY);
    }

    private static void join(WsClient c, String channel) {
        if (channel.startsWith("presence-")) {
            assertThat(Join.presence(c, channel, "{\"user_id\":\"1\"}")).startsWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
        } else if (channel.startsWith("private-")) {
            Join.privateChannel(c, channel);
        } else {
            Join.publicChannel(c, channel);
        }
    }

    @Test
    void anEmptyCacheIsReportedRightAfterSubscriptionSucceeded() {
        for (String channel : new String[] {"cache-empty", "private-cache-empty", "presence-cache-empty", "private-encrypted-cache-empty"}) {
            try (WsClient c = client()) {
                join(c, channel);
                assertThat(c.next()).as(channel).isEqualTo(Expected.cacheMiss(channel));
                Join.stillUp(c);
            }
        }
    }

    @Test
    void aNewSubscriberGetsTheLastPublishedEventVerbatimAndNoCacheMiss() {
        for (String channel : new String[] {"cache-full", "private-cache-full", "presence-cache-full", "private-encrypted-cache-full"}) {
            api.publishOk(channel, "greeting", "{\"message\":\"first\"}");
            api.publishOk(channel, "greeting", "{\"message\":\"hello\"}");
            try (WsClient c = client()) {
                join(c, channel);
                assertThat(c.next()).as(channel).isEqualTo(Expected.event("greeting", channel, "{\"message\":\"hello\"}"));
                Join.stillUp(c);
            }
        }
    }

    @Test
    void theCachedEventIsAlsoDeliveredLiveToCurrentSubscribers() {
        try (WsClient c = client()) {
            join(c, "cache-live");
            assertThat(c.next()).isEqualTo(Expected.cacheMiss("cache-live"));
            api.publishOk("cache-live", "now", "1");
            assertThat(c.next()).isEqualTo(Expected.event("now", "cache-live", "1"));
        }
    }

    @Test
    void aCachedEventExpiresAfterTheConfiguredTtl() {
        api.publishOk("cache-expiring", "soon-gone", "{}");
        try (WsClient c = client()) {
            join(c, "cache-expiring");
            assertThat(c.next()).isEqualTo(Expected.event("soon-gone", "cache-expiring", "{}"));
        }
        long deadline = System.currentTimeMillis() + 4000;
        String last;
        do {
            try (WsClient c = client()) {
                join(c, "cache-expiring");
                last = c.next();
            }
            if (last.equals(Expected.cacheMiss("cache-expiring"))) {
                return;
            }
            sleep(200);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("the cached event outlived its 1 s TTL; last frame: " + last);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
