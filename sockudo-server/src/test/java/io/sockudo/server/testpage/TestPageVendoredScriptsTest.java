package io.sockudo.server.testpage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.testing.NodeScript;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The page's third-party scripts are committed copies of files of the npm packages pinned in
 * {@code tests/node/package.json}; scripts/vendor-test-page.sh makes them. A copy that differs
 * from its package (edited by hand, or a pin moved without re-vendoring) fails here.
 */
class TestPageVendoredScriptsTest {

    private static final Map<String, String> COPIES = Map.of(
            "vendor/pusher-with-encryption.min.js", "pusher-js/dist/web/pusher-with-encryption.min.js",
            "vendor/pusher-with-encryption.min.js.LICENSE.txt", "pusher-js/dist/web/pusher-with-encryption.min.js.LICENSE.txt",
            "vendor/nacl-fast.min.js", "tweetnacl/nacl-fast.min.js",
            "vendor/tweetnacl.LICENSE.txt", "tweetnacl/LICENSE",
            "vendor/fossil-delta.js", "fossil-delta/fossil-delta.js",
            "vendor/fossil-delta.LICENSE.txt", "fossil-delta/LICENSE");

    @Test
    void everyVendoredScriptIsItsPackagesFileUnchanged() throws IOException {
        Path modules = NodeScript.repoRoot().resolve("tests/node/node_modules");
        assertThat(modules).as("run `npm ci --prefix tests/node`").isDirectory();
        for (var copy : COPIES.entrySet()) {
            byte[] vendored;
            try (InputStream in = TestPage.class.getResourceAsStream(copy.getKey())) {
                assertThat(in).as(copy.getKey()).isNotNull();
                vendored = in.readAllBytes();
            }
            assertThat(vendored).as("%s differs from %s: run scripts/vendor-test-page.sh", copy.getKey(), copy.getValue())
                    .isEqualTo(Files.readAllBytes(modules.resolve(copy.getValue())));
        }
    }
}
