package io.sockudo.server.config;

import static io.sockudo.server.config.Configs.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config the server cannot use stops it with one line that says where and what. */
class ConfigErrorsTest {

    @Test
    void malformedJsonIsReportedWithLineAndColumn() {
        assertThatThrownBy(() -> read("{\n  \"port\": 6001,\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config.json: line 3, column 1: invalid JSON: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void contentAfterTheDocumentAnEmptyFileAndANonObjectAreErrors() {
        assertThatThrownBy(() -> read("{} {}")).hasMessage("config.json: line 1, column 4: unexpected content after the end of the JSON document");
        assertThatThrownBy(() -> read("   ")).hasMessage("config.json: the file is empty; write {} for all defaults");
        assertThatThrownBy(() -> read("[1]")).hasMessage("config.json: expected a JSON object at the top level, got an array");
    }

    @Test
    void aRepeatedKeyIsAnError() {
        assertThatThrownBy(() -> read("{\"port\": 1,\n \"port\": 2}"))
                .hasMessage("config.json: line 2, column 2: the key \"port\" appears twice in one object");
    }

    @Test
    void aWordWhereANumberBelongsNamesTheKey() {
        assertThatThrownBy(() -> read("{\"port\": \"abc\"}"))
                .hasMessage("config.json: port: expected an integer from 0 to 65535, got \"abc\"");
    }

    @Test
    void anArrayWhereANumberBelongsNamesTheKey() {
        assertThatThrownBy(() -> read("{\"port\": [1]}"))
                .hasMessage("config.json: port: expected an integer from 0 to 65535, got an array");
    }

    @Test
    void numbersOutOfRangeOrWithFractionsAreErrors() {
        assertThatThrownBy(() -> read("{\"port\": 70000}"))
                .hasMessage("config.json: port: expected an integer from 0 to 65535, got 70000");
        assertThatThrownBy(() -> read("{\"activity_timeout\": 1.5}"))
                .hasMessage("config.json: activity_timeout: expected an integer from 1 to 2147483647, got 1.5");
        assertThatThrownBy(() -> read("{\"max_connections\": 99999999999999999999999}"))
                .hasMessage("config.json: max_connections: expected an integer from 0 to 2147483647, got 99999999999999999999999");
    }

    @Test
    void appsThatAreNotAnArrayNameTheKey() {
        assertThatThrownBy(() -> read("{\"app_manager\": {\"array\": {\"apps\": {\"id\": \"1\"}}}}"))
                .hasMessage("config.json: app_manager.array.apps: expected an array, got an object");
    }

    @Test
    void aSectionThatIsNotAnObjectNamesTheKey() {
        assertThatThrownBy(() -> read("{\"websocket\": true}"))
                .hasMessage("config.json: websocket: expected an object, got true");
        assertThatThrownBy(() -> read("{\"metrics\": \"on\"}"))
                .hasMessage("config.json: metrics: expected an object, got \"on\"");
    }

    @Test
    void switchesAndTextAreChecked() {
        assertThatThrownBy(() -> read("{\"debug\": \"verbose\"}"))
                .hasMessage("config.json: debug: expected true or false, got \"verbose\"");
        assertThatThrownBy(() -> read("{\"host\": 127}"))
                .hasMessage("config.json: host: expected a string, got 127");
        assertThatThrownBy(() -> read("{\"delta_compression\": {\"algorithm\": \"gzip\"}}"))
                .hasMessage("config.json: delta_compression.algorithm: expected \"fossil\" or \"xdelta3\", got \"gzip\"");
    }

    @Test
    void aNamedFileMustExist(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> ConfigLoader.load(missing, dir, Map.of()))
                .hasMessage("config file not found: " + missing);
    }

    @Test
    void tomlFilesAreRefusedWithAReason(@TempDir Path dir) throws Exception {
        Path toml = Files.writeString(dir.resolve("config.toml"), "port = 6001\n");
        assertThatThrownBy(() -> ConfigLoader.load(toml, dir, Map.of()))
                .hasMessage(toml + ": TOML config files are not supported; use the JSON form");
    }

    @Test
    void aFileErrorNamesTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("prod.json"), "{\"port\": \"abc\"}");
        assertThatThrownBy(() -> ConfigLoader.load(file, dir, Map.of()))
                .hasMessage(file + ": port: expected an integer from 0 to 65535, got \"abc\"");
    }
}
