package io.sockudo.server.stores;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.AppManager;
import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.store.app.AppCacheSettings;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * With a warm app cache the hot paths never reach the app store: HTTP API publishes (single and
 * batch), channel queries and new connections of an app already looked up are answered from the
 * cache. This is what keeps a database-backed server's publish throughput level with the memory
 * store's; the store here counts every call a database would have been sent.
 */
class WarmAppCacheTest {

    /** An app store that serves one app and counts every lookup, as a database would see them. */
    private static final class CountingStore implements AppManager {
        final App app = TestServer.app().build();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public CompletableFuture<App> findByKey(String key) {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(key.equals(app.key()) ? app : null);
        }

        @Override
        public CompletableFuture<App> findById(String id) {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(id.equals(app.id()) ? app : null);
        }

        @Override
        public CompletableFuture<List<App>> all() {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(List.of(app));
        }
    }

    @Test
    void warmPublishesQueriesAndConnectsNeverAskTheStore() {
        CountingStore store = new CountingStore();
        try (SockudoServer server = TestServer.start(b -> b.appManager(store).appCache(AppCacheSettings.defaults()));
             WsClient subscriber = WsClient.established(server.port(), TestServer.KEY)) {
            HttpApiClient api = HttpApiClient.of(server);
            subscriber.subscribe("orders");
            assertThat(subscriber.nextStartingWith("{\"event\":\"pusher_internal:subscription_succeeded\"")).contains("orders");
            assertThat(store.calls.get()).as("the connection looked the app up once").isEqualTo(1);

            for (int i = 0; i < 50; i++) {
                api.publishOk("orders", "placed", "{\"n\":" + i + "}");
            }
            api.postEventOk("{\"name\":\"placed\",\"channels\":[\"orders\",\"audit\"],\"data\":\"{}\"}");
            assertThat(api.post("/batch_events", "{\"batch\":[{\"name\":\"placed\",\"channel\":\"orders\",\"data\":\"{}\"}]}").status())
                    .isEqualTo(200);
            assertThat(api.get("/channels").status()).isEqualTo(200);
            assertThat(api.get("/channels/orders").status()).isEqualTo(200);
            for (int i = 0; i < 5; i++) {
                try (WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
                    assertThat(c.socketId()).isNotBlank();
                }
            }
            // every publish reached the subscriber, so the requests were served, not refused
            for (int i = 0; i < 50; i++) {
                assertThat(subscriber.nextStartingWith("{\"event\":\"placed\"")).contains("\\\"n\\\":" + i + "}");
            }

            assertThat(store.calls.get()).as("store calls after the first lookup").isEqualTo(1);
        }
    }
}
