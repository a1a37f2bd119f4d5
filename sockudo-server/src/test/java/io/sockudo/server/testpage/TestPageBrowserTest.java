package io.sockudo.server.testpage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import io.sockudo.server.config.TestPageConfig;
import io.sockudo.server.testing.NodeScript;
import io.sockudo.server.testing.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code tests/node/browser/page.e2e.mjs}: the test page in headless Chromium (Debian's
 * {@code chromium}, driven by playwright-core) against a server started here. Without Chromium
 * or the Node packages this test fails; screenshots go to {@code target/test-page-screenshots}.
 */
class TestPageBrowserTest {

    static final String PAGE_PATH = "/test-page";

    @Test
    void thePageWorksInARealBrowser() {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        assertThat(chromium).as("Chromium is missing: install Debian's chromium package (scripts/test.sh does)").isExecutable();
        Path modules = NodeScript.repoRoot().resolve("tests/node/node_modules");
        assertThat(modules.resolve("playwright-core/package.json"))
                .as("playwright-core is missing: run `npm ci --prefix tests/node`").isRegularFile();
        Path artefacts = Path.of("target", "test-page-screenshots").toAbsolutePath();
        try (SockudoServer server = TestServer.start(b -> b
                .app(TestServer.app().enableClientMessages(true).build())
                .testPage(new TestPageConfig(true, PAGE_PATH)))) {
            NodeScript.run("tests/node/browser/page.e2e.mjs", server.port(),
                    Map.of("SOCKUDO_TEST_PAGE_PATH", PAGE_PATH, "SOCKUDO_ARTEFACTS", artefacts.toString()));
        }
        assertThat(artefacts.resolve("3-presence-alice.png")).isRegularFile();
    }
}
