package io.sockudo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.testing.NodeScript;
import io.sockudo.server.testing.TestServer;
import io.sockudo.transport.websocket.Compression;
import io.sockudo.transport.websocket.WebSocketOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * permessage-deflate with the client most of the world uses: headless Chromium's own WebSocket
 * (Debian's {@code chromium}, driven by playwright-core), which offers the extension on every
 * connection. Runs {@code tests/node/browser/deflate.e2e.mjs}; without Chromium or the Node
 * packages this test fails.
 */
class ChromiumDeflateTest {

    @ParameterizedTest
    @ValueSource(strings = {"shared", "dedicated"})
    void chromiumNegotiatesDeflateAndReceivesBroadcastsIntact(String mode) {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        assertThat(chromium).as("Chromium is missing: install Debian's chromium package (scripts/test.sh does)").isExecutable();
        assertThat(NodeScript.repoRoot().resolve("tests/node/node_modules/playwright-core/package.json"))
                .as("playwright-core is missing: run `npm ci --prefix tests/node`").isRegularFile();
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().maxEventPayloadInKb(1024).build())
                .webSocket(WebSocketOptions.defaults().withCompression(Compression.fromSockudo(mode).orElseThrow()))
                .metrics("127.0.0.1", 0))) {
            String out = NodeScript.run("tests/node/browser/deflate.e2e.mjs", server.port(),
                    Map.of("SOCKUDO_COMPRESSION", mode, "SOCKUDO_METRICS_PORT", Integer.toString(server.metricsPort())));
            assertThat(out).contains("pass 3").contains("fail 0");
        }
    }
}
