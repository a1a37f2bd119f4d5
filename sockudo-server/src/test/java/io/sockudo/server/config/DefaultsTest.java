package io.sockudo.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.delta.DeltaSettings;
import io.sockudo.adapter.filter.TagFiltering;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultsTest {

    /** The sample at the repository root; tests run in the module directory. */
    private static final Path SAMPLE = Path.of("..", "config", "config.json");

    @Test
    void withoutFileOrEnvironmentTheServerRunsOnSockudosDefaults(@TempDir Path emptyDir) {
        LoadedConfig loaded = ConfigLoader.load(null, emptyDir, Map.of());
        ServerConfig c = loaded.config();

        assertThat(loaded.file()).isEmpty();
        assertThat(loaded.unsupportedKeys()).isEmpty();
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(6001);
        assertThat(c.metrics()).isEqualTo(new MetricsConfig(true, "0.0.0.0", 9601));
        assertThat(c.debug()).isFalse();
        assertThat(c.activityTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.operations()).isEqualTo(new OperationsConfig(Duration.ofSeconds(2), true, 0.90));
        assertThat(c.webSocketOptions().maxMessageBytes()).isEqualTo(64 * 1024);
        assertThat(c.maxHttpBodyBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(c.tagFiltering()).isEqualTo(TagFiltering.defaults());
        assertThat(c.deltaCompression()).isEqualTo(DeltaSettings.defaults());
        assertThat(c).isEqualTo(ServerConfig.defaults());
    }

    @Test
    void theDefaultAppIsTheWellKnownOneWithClientEventsOff() {
        App app = Configs.onlyApp(ServerConfig.defaults());
        assertThat(app.id()).isEqualTo("app-id");
        assertThat(app.key()).isEqualTo("app-key");
        assertThat(app.secret()).isEqualTo("app-secret");
        assertThat(app.enabled()).isTrue();
        assertThat(app.enableClientMessages()).isFalse();
    }

    @Test
    void theSampleConfigFileSpellsOutExactlyTheDefaults() {
        LoadedConfig loaded = ConfigLoader.load(SAMPLE, Path.of("."), Map.of());
        assertThat(loaded.config()).isEqualTo(ServerConfig.defaults());
        assertThat(loaded.unsupportedKeys()).as("it shows supported keys only").isEmpty();
    }

    @Test
    void configJsonInTheWorkingDirectoryIsRead(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Path file = Files.writeString(dir.resolve("config/config.json"), "{\"port\": 6201}");

        LoadedConfig loaded = ConfigLoader.load(null, dir, Map.of());

        assertThat(loaded.file()).contains(file);
        assertThat(loaded.config().port()).isEqualTo(6201);
    }

    @Test
    void aNamedFileWinsOverTheWorkingDirectory(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/config.json"), "{\"port\": 6201}");
        Path named = Files.writeString(dir.resolve("other.json"), "{\"port\": 6202}");

        assertThat(ConfigLoader.load(named, dir, Map.of()).config().port()).isEqualTo(6202);
    }
}
