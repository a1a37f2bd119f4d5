package io.sockudo.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sockudo settings we do not have are accepted, ignored, and named once at startup. */
class UnsupportedKeysTest {

    /** Held here so that the logger, and the handler on it, live as long as the test. */
    private final Logger logger = Logger.getLogger(ConfigLoader.class.getName());
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    @Test
    void unsupportedSectionsAreLoggedOnceInOneLineAndDoNotStopTheServer(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("config.json"), """
                {
                  "port": 6301,
                  "adapter": {"driver": "local", "redis": {"prefix": "x:"}},
                  "ssl": {"enabled": false, "ca_path": "/etc/ca.pem"},
                  "websocket": {"max_messages": 10, "compression": "shared"},
                  "cleanup": {"async_enabled": true}
                }""");

        LoadedConfig loaded = ConfigLoader.load(file, dir, Map.of());

        assertThat(loaded.config().port()).isEqualTo(6301);
        assertThat(loaded.config().webSocket().maxMessages()).isEqualTo(10);
        assertThat(records).filteredOn(r -> r.getMessage().contains("not supported yet"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.getLevel()).isEqualTo(Level.WARNING);
                    assertThat(r.getMessage()).isEqualTo(
                            "not supported yet, ignored: ssl.ca_path, "
                                    + "cleanup (disconnect cleanup runs on the socket's own thread; nothing to size)");
                });
    }

    @Test
    void nothingIsLoggedAsUnsupportedForAConfigOfSupportedKeys(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("config.json"), "{\"port\": 6302, \"websocket\": {\"max_bytes\": 4096}}");

        ConfigLoader.load(file, dir, Map.of());

        assertThat(records).noneMatch(r -> r.getMessage().contains("not supported yet"));
    }

    @Test
    void anUnreadObjectIsNamedOnceNotKeyByKey() {
        LoadedConfig loaded = Configs.load("""
                {"connection_recovery": {"enabled": false, "buffer_ttl_seconds": 120}, "event_limits": {"max_channels_at_once": 100}}""");
        assertThat(loaded.unsupportedKeys()).containsExactly("connection_recovery", "event_limits");
    }

    @Test
    void clusterCoordinationIsNamedOnlyWhenSwitchedOn() {
        assertThat(Configs.load("{\"delta_compression\": {\"cluster_coordination\": false}}").unsupportedKeys()).isEmpty();
        assertThat(Configs.load("{\"delta_compression\": {\"cluster_coordination\": true}}").unsupportedKeys())
                .containsExactly("delta_compression.cluster_coordination (needs a horizontal adapter)");
    }

    @Test
    void keysThatAreNotPlainNamesAreQuoted() {
        LoadedConfig loaded = Configs.load("{\"my.key\": 1, \"instance\": {\"process_id\": \"a\"}}");
        assertThat(loaded.unsupportedKeys()).containsExactly("[\"my.key\"]", "instance");
    }
}
