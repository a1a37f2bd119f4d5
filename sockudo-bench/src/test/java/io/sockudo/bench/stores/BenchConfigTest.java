package io.sockudo.bench.stores;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.config.ConfigLoader;
import io.sockudo.server.config.LoadedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration the store benchmarks give the server is read as meant, with no key left unread. */
class BenchConfigTest {

    @TempDir
    Path dir;

    private LoadedConfig load(String members) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, ServerUnderTest.config(4321, members));
        LoadedConfig loaded = ConfigLoader.load(file, dir, Map.of());
        assertThat(loaded.unsupportedKeys()).isEmpty();
        return loaded;
    }

    @Test
    void theMemoryStoreHasTheBenchAppsUnlimitedAndNothingCapsTheRun() throws Exception {
        List<BenchApp> apps = BenchApp.numbered("connect", 3);
        var config = load(new MemoryAppStore().configMembers(apps, 600)).config();
        assertThat(config.port()).isEqualTo(4321);
        assertThat(config.metrics().enabled()).isFalse();
        assertThat(config.stores().rateLimiter().enabled()).isFalse();
        assertThat(config.appCache().enabled()).isTrue();
        assertThat(config.appCache().ttl()).isEqualTo(Duration.ofSeconds(600));
        assertThat(config.stores().appStore().memory()).isTrue();
        assertThat(config.apps()).extracting(a -> a.id() + "/" + a.key() + "/" + a.secret())
                .containsExactly("connect-0/connect-key-0/connect-secret-0", "connect-1/connect-key-1/connect-secret-1",
                        "connect-2/connect-key-2/connect-secret-2");
        assertThat(config.apps()).allSatisfy(a -> {
            assertThat(a.maxConnections()).isZero();
            assertThat(a.maxBackendEventsPerSecond()).isZero();
            assertThat(a.maxReadRequestsPerSecond()).isZero();
        });
    }
}
