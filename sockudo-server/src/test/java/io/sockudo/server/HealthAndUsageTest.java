package io.sockudo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.StaticAppManager;
import io.sockudo.adapter.health.Health;
import io.sockudo.adapter.health.HealthCheck;
import io.sockudo.adapter.hooks.ChannelCache;
import io.sockudo.adapter.hooks.MemoryChannelCache;
import io.sockudo.adapter.hooks.WebhookSink;
import io.sockudo.protocol.WebhookEvent;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.testkit.ws.RawWebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code /up}, {@code /up/{app}}, {@code /usage} and {@code http_api.accept_traffic}, as sockudo answers them. */
class HealthAndUsageTest {

    private static void assertHealth(HttpApiClient.Response r, int status, String word) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.body()).isEqualTo(word);
        assertThat(r.header("X-Health-Check")).isEqualTo(word);
    }

    /** A channel cache whose health the test decides; it stores nothing. */
    private static final class CacheWithHealth implements ChannelCache {
        final AtomicReference<CompletableFuture<Health>> health = new AtomicReference<>(Health.okNow());
        private final MemoryChannelCache inner = new MemoryChannelCache(java.time.Clock.systemUTC()::millis);

        @Override
        public void put(String appId, String channel, byte[] frame, Duration ttl) {
            inner.put(appId, channel, frame, ttl);
        }

        @Override
        public CompletableFuture<byte[]> get(String appId, String channel) {
            return inner.get(appId, channel);
        }

        @Override
        public CompletableFuture<Long> ttlSeconds(String appId, String channel) {
            return inner.ttlSeconds(appId, channel);
        }

        @Override
        public CompletableFuture<Health> health() {
            return health.get();
        }
    }

    /** A webhook sink that reports its queue's health. */
    private static final class WebhooksWithHealth implements WebhookSink, HealthCheck {
        volatile Health health = Health.ok();

        @Override
        public void emit(App app, WebhookEvent event) {
        }

        @Override
        public CompletableFuture<Health> health() {
            return CompletableFuture.completedFuture(health);
        }
    }

    @Test
    void upIsOkForTheNodeAndAKnownAppNotFoundForAnUnknownOneAndErrorForADisabledOne() {
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().build())
                .app(App.builder("off", "off-key", "off-secret").enabled(false).build()))) {
            HttpApiClient api = HttpApiClient.of(server);
            assertHealth(api.raw("GET", "/up", null), 200, "OK");
            assertHealth(api.raw("GET", "/up/" + TestServer.APP_ID, null), 200, "OK");
            assertHealth(api.raw("GET", "/up/no-such-app", null), 404, "NOT_FOUND");
            assertHealth(api.raw("GET", "/up/off", null), 503, "ERROR");
        }
    }

    @Test
    void upIsErrorWithoutApps() {
        try (SockudoServer server = TestServer.start(b -> b.appManager(new StaticAppManager(List.of())))) {
            assertHealth(HttpApiClient.of(server).raw("GET", "/up", null), 503, "ERROR");
        }
    }

    @Test
    void aCriticalComponentDownOrSilentMakesTheNodeErrorAndItsRecoveryOkAgain() {
        CacheWithHealth cache = new CacheWithHealth();
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().build()).channelCache(cache)
                .healthCheckTimeout(Duration.ofMillis(300)))) {
            HttpApiClient api = HttpApiClient.of(server);
            cache.health.set(CompletableFuture.completedFuture(Health.down("connection refused")));
            assertHealth(api.raw("GET", "/up", null), 503, "ERROR");
            assertHealth(api.raw("GET", "/up/" + TestServer.APP_ID, null), 503, "ERROR");

            cache.health.set(new CompletableFuture<>()); // never answers
            assertHealth(api.raw("GET", "/up", null), 503, "ERROR");

            cache.health.set(CompletableFuture.failedFuture(new CompletionException(new IllegalStateException("boom"))));
            assertHealth(api.raw("GET", "/up", null), 503, "ERROR");

            cache.health.set(Health.okNow());
            assertHealth(api.raw("GET", "/up", null), 200, "OK");
        }
    }

    @Test
    void aWebhookQueueDownOnlyDegradesTheNode() {
        WebhooksWithHealth webhooks = new WebhooksWithHealth();
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().build()).webhooks(webhooks))) {
            HttpApiClient api = HttpApiClient.of(server);
            webhooks.health = Health.down("queue unreachable");
            assertHealth(api.raw("GET", "/up", null), 200, "DEGRADED");
            assertHealth(api.raw("GET", "/up/" + TestServer.APP_ID, null), 200, "DEGRADED");
        }
    }

    @Test
    void upIsDrainingWhileTheServerWaitsForItsClientsToLeave() throws Exception {
        SockudoServer server = TestServer.start(b -> b.app(TestServer.app().build()).shutdownGrace(Duration.ofSeconds(20)));
        try (RawWebSocket client = RawWebSocket.established(server.port(), TestServer.KEY)) {
            HttpApiClient api = HttpApiClient.of(server);
            Thread stopping = new Thread(server::close, "stopping");
            stopping.start();
            // the client has not answered its close frame yet, so the server is still draining
            assertThat(client.awaitClose(5000)).isEqualTo(4200);
            assertHealth(api.raw("GET", "/up", null), 503, "DRAINING");
            assertHealth(api.raw("GET", "/up/" + TestServer.APP_ID, null), 503, "DRAINING");
            assertThat(RawWebSocket.open(server.port(), RawWebSocket.pusherPath(TestServer.KEY)).status())
                    .as("new WebSockets are refused while draining").isEqualTo(503);
            assertThat(stopping.isAlive()).as("still waiting for the client").isTrue();
            client.write(RawWebSocket.closeFrame(4200, ""));
            stopping.join(10_000);
            assertThat(stopping.isAlive()).as("stopped once the client left, well before the grace ended").isFalse();
        } finally {
            server.close();
        }
    }

    @Test
    void usageReportsTheMachinesMemoryUnlessDisabled() {
        try (SockudoServer server = TestServer.start()) {
            HttpApiClient.Response r = HttpApiClient.of(server).raw("GET", "/usage", null);
            assertThat(r.status()).isEqualTo(200);
            @SuppressWarnings("unchecked")
            Map<String, Object> memory = (Map<String, Object>) r.json().get("memory");
            long total = ((Number) memory.get("total")).longValue();
            long used = ((Number) memory.get("used")).longValue();
            long free = ((Number) memory.get("free")).longValue();
            assertThat(total).isGreaterThan(Runtime.getRuntime().maxMemory() / 2);
            assertThat(used + free).isEqualTo(total);
            assertThat(((Number) memory.get("percent")).doubleValue()).isBetween(0.0, 100.0);
        }
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().build()).usageEnabled(false))) {
            assertThat(HttpApiClient.of(server).raw("GET", "/usage", null).status()).isEqualTo(404);
        }
    }

    @Test
    void aboveTheAcceptTrafficThresholdSignedRequestsAreRefusedWith503AndHealthStillAnswers() {
        // a threshold below any real machine's memory use
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().build()).acceptTrafficMemoryThreshold(1e-9))) {
            HttpApiClient api = HttpApiClient.of(server);
            HttpApiClient.Response r = api.publish("news", "e", "{}");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.header("Retry-After")).isEqualTo("1");
            assertThat(r.json()).containsEntry("code", "service_unavailable");
            assertHealth(api.raw("GET", "/up", null), 200, "OK");
        }
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().build()).acceptTrafficMemoryThreshold(1))) {
            HttpApiClient.of(server).publishOk("news", "e", "{}");
        }
    }
}
