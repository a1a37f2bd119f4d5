package io.sockudo.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.AppManager;
import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code app_manager.cache} puts the app cache in front of the app manager the server asks. */
class AppCacheWiringTest {

    /** An app store that counts how often it is asked for a key. */
    private static final class CountingStore implements AppManager {
        final App app = App.builder("1", "counted-key", "s").build();
        final AtomicInteger byKey = new AtomicInteger();

        @Override
        public CompletableFuture<App> findByKey(String key) {
            byKey.incrementAndGet();
            return CompletableFuture.completedFuture(key.equals(app.key()) ? app : null);
        }

        @Override
        public CompletableFuture<App> findById(String id) {
            return CompletableFuture.completedFuture(id.equals(app.id()) ? app : null);
        }

        @Override
        public CompletableFuture<List<App>> all() {
            return CompletableFuture.completedFuture(List.of(app));
        }
    }

    private static ServerConfig config(String json) {
        return Configs.read(json, Map.of("HOST", "127.0.0.1", "PORT", "0", "METRICS_ENABLED", "false"));
    }

    /** Connects twice with the store's key and answers how often the store was asked. */
    private static int lookupsForTwoConnections(ServerConfig config) {
        CountingStore store = new CountingStore();
        try (SockudoServer server = SockudoServer.builder().config(config).appManager(store).ioThreads(2).start()) {
            for (int i = 0; i < 2; i++) {
                try (WsClient client = WsClient.connect(server.port(), "counted-key")) {
                    assertThat(client.next()).startsWith("{\"event\":\"pusher:connection_established\"");
                }
            }
        }
        return store.byKey.get();
    }

    @Test
    void theCacheIsOnByDefaultAsInSockudoAndAsksTheStoreOnce() {
        assertThat(config("{}").appCache()).isEqualTo(AppCacheConfig.DEFAULTS);
        assertThat(lookupsForTwoConnections(config("{}"))).isEqualTo(1);
    }

    @Test
    void withTheCacheOffEveryConnectionAsksTheStore() {
        assertThat(lookupsForTwoConnections(config("{\"app_manager\": {\"cache\": {\"enabled\": false}}}"))).isEqualTo(2);
    }

    @Test
    void theTtlComesFromTheFileOrFromCacheTtlSeconds() {
        assertThat(config("{\"app_manager\": {\"cache\": {\"ttl\": 60}}}").appCache().ttl()).isEqualTo(Duration.ofSeconds(60));
        ServerConfig fromEnv = Configs.read("{}", Map.of("CACHE_TTL_SECONDS", "42"));
        assertThat(fromEnv.appCache().ttl()).isEqualTo(Duration.ofSeconds(42));
        assertThat(fromEnv.channelCacheTtl()).as("the one variable sets both").isEqualTo(Duration.ofSeconds(42));
    }
}
