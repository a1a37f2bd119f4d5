package io.sockudo.server.config;

import static io.sockudo.server.config.Configs.onlyApp;
import static io.sockudo.server.config.Configs.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvSubstitutionTest {

    private static final String APP = """
            {"port": ${PORT:-6101},
             "app_manager": {"array": {"apps": [
               {"id": "${APP_ID}", "key": "${APP_KEY:-fallback-key}", "secret": "${APP_SECRET}"}]}}}""";

    @Test
    void placeholdersTakeTheVariableOrTheirDefault() {
        ServerConfig c = read(APP, Map.of("APP_ID", "42", "APP_SECRET", "s3cr3t"));
        assertThat(c.port()).as("unquoted default, read as a number").isEqualTo(6101);
        assertThat(onlyApp(c).id()).isEqualTo("42");
        assertThat(onlyApp(c).key()).isEqualTo("fallback-key");
        assertThat(onlyApp(c).secret()).isEqualTo("s3cr3t");
    }

    @Test
    void aSetVariableWinsOverTheDefault() {
        ServerConfig c = read(APP, Map.of("APP_ID", "42", "APP_SECRET", "s", "APP_KEY", "real-key", "PORT", "6102"));
        assertThat(onlyApp(c).key()).isEqualTo("real-key");
        assertThat(c.port()).isEqualTo(6102);
    }

    @Test
    void anEmptyVariableTakesTheDefault() {
        assertThat(onlyApp(read(APP, Map.of("APP_ID", "1", "APP_SECRET", "s", "APP_KEY", ""))).key()).isEqualTo("fallback-key");
        assertThat(read("{\"host\": \"${BIND:-}0.0.0.0\"}", Map.of()).host()).as("empty default").isEqualTo("0.0.0.0");
    }

    @Test
    void unsetVariablesWithoutDefaultAreAllNamedInOneError() {
        assertThatThrownBy(() -> read(APP, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.json: environment variables APP_ID, APP_SECRET must be set (or give a default: ${NAME:-default})");
    }

    @Test
    void dollarSignsThatAreNotPlaceholdersStay() {
        String json = "{\"app_manager\":{\"array\":{\"apps\":[{\"id\":\"1\",\"key\":\"k\",\"secret\":\"$ecret$100{}\"}]}}}";
        assertThat(onlyApp(read(json, Map.of())).secret()).isEqualTo("$ecret$100{}");
    }

    @Test
    void aFileIsSubstitutedBeforeItIsRead(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("sockudo.json"), "{\"port\": \"${SOCKUDO_PORT}\"}");
        LoadedConfig loaded = ConfigLoader.load(file, dir, Map.of("SOCKUDO_PORT", "6103"));
        assertThat(loaded.config().port()).isEqualTo(6103);
        assertThatThrownBy(() -> ConfigLoader.load(file, dir, Map.of()))
                .hasMessage(file + ": environment variable SOCKUDO_PORT must be set (or give a default: ${NAME:-default})");
    }
}
