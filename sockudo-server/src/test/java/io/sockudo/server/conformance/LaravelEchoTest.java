package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.NodeScript;
import io.sockudo.server.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code tests/node/echo/laravel-echo.e2e.mjs}: Laravel Echo with pusher-js, configured as
 * Laravel documents for self-hosted servers, against a server started here: public, private and
 * presence channels, whispers, here/joining/leaving, toOthers. Fails without Node or the packages.
 */
class LaravelEchoTest {

    @Test
    void laravelEchoWorksAgainstTheServer() {
        assertThat(NodeScript.repoRoot().resolve("tests/node/node_modules/laravel-echo/package.json"))
                .as("laravel-echo is missing: run `npm ci --prefix tests/node`").isRegularFile();
        try (SockudoServer server = TestServer.startWith(TestServer.app().enableClientMessages(true).build())) {
            NodeScript.run("tests/node/echo/laravel-echo.e2e.mjs", server.port(), Map.of());
        }
    }
}
