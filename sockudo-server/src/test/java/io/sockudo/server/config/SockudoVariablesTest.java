package io.sockudo.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
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

/** sockudo's environment variables that this server does not read are named, once, at startup. */
class SockudoVariablesTest {

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
    void unreadSockudoVariablesAreNamedInOneWarningAndOthersAreNot(@TempDir Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("REDIS_URL", "redis://10.0.0.5:6390");
        env.put("NATS_SERVERS", "nats://10.0.0.6:4333");
        env.put("RATE_LIMITER_ENABLED", "true");
        env.put("CLEANUP_BATCH_SIZE", "10");
        env.put("PORT", "7001");
        env.put("SSL_REDIRECT_HTTP", "false");
        env.put("CORS_ORIGINS", "*");
        env.put("ADAPTER_DRIVER", "local");
        env.put("SOCKUDO_DEFAULT_APP_MAX_CONNECTIONS", "5");
        env.put("HOME", "/root");
        env.put("PATH", "/usr/bin");
        env.put("HISTORY_ENABLED", "");
        env.put("SSL_CERT_FILE", "/etc/ssl/certs/ca-certificates.crt"); // OpenSSL's, set system-wide on many machines
        env.put("SSL_CERT_DIR", "/etc/ssl/certs");

        LoadedConfig loaded = ConfigLoader.load(null, dir, env);

        assertThat(loaded.unsupportedVariables())
                .containsExactly("CLEANUP_BATCH_SIZE");
        assertThat(records).filteredOn(r -> r.getMessage().startsWith("environment variables not supported yet"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.getLevel()).isEqualTo(Level.WARNING);
                    assertThat(r.getMessage()).isEqualTo("environment variables not supported yet, ignored: "
                            + "CLEANUP_BATCH_SIZE");
                });
    }

    @Test
    void everyVariableTheOverlayReadsIsOneOfSockudosOrDocumentedAsOurs() {
        assertThat(EnvOverlay.readVariables()).filteredOn(v -> !SockudoVariables.isSockudos(v))
                .as("variables read that sockudo does not have: this server's own, listed in docs/configuration.md")
                .containsExactlyInAnyOrder("LISTEN_BACKLOG", "TEST_PAGE_ENABLED", "TEST_PAGE_PATH");
    }

    @Test
    void nothingIsNamedWithoutSockudoVariables(@TempDir Path dir) {
        assertThat(ConfigLoader.load(null, dir, Map.of("HOME", "/root")).unsupportedVariables()).isEmpty();
        assertThat(records).noneMatch(r -> r.getMessage().startsWith("environment variables"));
    }
}
