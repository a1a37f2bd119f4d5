package io.sockudo.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A driver this server does not have stops the launcher, naming the key and the reason. */
class DriversTest {

    @ParameterizedTest
    @CsvSource({
            "adapter, kafka, 'local, nats, redis, redis-cluster'",
            "queue, sqs, 'memory, redis, redis-cluster'",
            "app_manager, scylladb, 'dynamodb, memory, mysql, pgsql, postgres, postgresql'",
            "metrics, statsd, prometheus"})
    void aDriverThisServerDoesNotHaveIsRefusedInOneLine(String section, String driver, String available) {
        assertThatThrownBy(() -> Configs.load("{\"" + section + "\": {\"driver\": \"" + driver + "\"}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config.json: " + section + ".driver \"" + driver + "\" is ")
                .hasMessageEndingWith("(available: " + available + "); refusing to start without it")
                .message().doesNotContain("\n");
    }

    @Test
    void aNameSockudoDoesNotKnowEitherIsCalledUnknown() {
        assertThatThrownBy(() -> Configs.load("{\"adapter\": {\"driver\": \"carrier-pigeon\"}}"))
                .hasMessage("config.json: adapter.driver \"carrier-pigeon\" is not a known driver (available: local, nats, redis, redis-cluster); "
                        + "refusing to start without it");
        assertThatThrownBy(() -> Configs.load("{\"adapter\": {\"driver\": \"kafka\"}}"))
                .hasMessageContaining("\"kafka\" is not available in this server yet");
    }

    @Test
    void theEnvironmentIsNamedWhenItChoseTheDriver() {
        assertThatThrownBy(() -> Configs.load("{}", Map.of("ADAPTER_DRIVER", "kafka")))
                .hasMessageStartingWith("environment variable ADAPTER_DRIVER \"kafka\" is not available");
        assertThatThrownBy(() -> Configs.load("{}", Map.of("QUEUE_DRIVER", "sqs")))
                .hasMessageStartingWith("environment variable QUEUE_DRIVER \"sqs\"");
    }

    @Test
    void implementedDriversInAnyCaseStart() {
        LoadedConfig loaded = Configs.load("""
                {"adapter": {"driver": "Local"}, "cache": {"driver": "memory"}, "queue": {"driver": "MEMORY"},
                 "rate_limiter": {"driver": "memory"}, "metrics": {"driver": "prometheus"}}""");
        assertThat(loaded.unsupportedKeys()).isEmpty();
    }

    @Test
    void aSockudoProductionFileWithAnAdapterThisServerLacksIsRefusedAtThatDriver(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String text = Files.readString(Configs.resource("sockudo-production.json"))
                .replaceFirst("\"driver\": \"local\"", "\"driver\": \"kafka\"");
        Path file = Files.writeString(dir.resolve("config.json"), text);

        assertThatThrownBy(() -> ConfigLoader.load(file, dir, Map.of()))
                .hasMessage(file + ": adapter.driver \"kafka\" is not available in this server yet (available: local, nats, redis, redis-cluster); "
                        + "refusing to start without it");
    }
}
