package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.NodeScript;
import io.sockudo.server.testing.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code tests/node} (node:test, with the stock pusher-js client and the {@code pusher}
 * SDK) against a server started here. Node and {@code npm ci --prefix tests/node} are
 * prerequisites of the build: without them this test fails, it never skips; so does a run that
 * found no test to execute.
 */
class NodeClientTest {

    @Test
    void theStockJavaScriptLibrariesWorkAgainstTheServer() {
        Path modules = NodeScript.repoRoot().resolve("tests/node/node_modules");
        for (String module : new String[] {"pusher-js", "pusher"}) {
            assertThat(modules.resolve(module).resolve("package.json"))
                    .as("%s is missing: run `npm ci --prefix tests/node`", module).isRegularFile();
        }
        try (SockudoServer server = TestServer.startWith(TestServer.app().enableClientMessages(true).build())) {
            NodeScript.run("tests/node/", server.port(), Map.of());
        }
    }
}
