package io.sockudo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.EngineOptions;
import io.sockudo.adapter.delta.DeltaSettings;
import io.sockudo.server.testing.NodeScript;
import io.sockudo.server.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Delta streams decoded by the npm decoders the JS client uses; see tests/node/delta/decode-delta.mjs. */
class DeltaNodeDecodersTest {

    @Test
    void npmDecodersReconstructEveryFrameAndStockPusherJsIsUnaffected() throws Exception {
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().build())
                .engine(EngineOptions.builder().delta(DeltaSettings.defaults().withConflationKeyPath("sym")).build()))) {
            String out = NodeScript.run("tests/node/delta/decode-delta.mjs", server.port(), Map.of());
            assertThat(out).contains("pass 1").contains("fail 0");
        }
    }
}
