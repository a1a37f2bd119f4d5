package io.sockudo.server.cluster;

import io.sockudo.adapter.cluster.AdapterSettings;
import io.sockudo.server.testing.ClusterNodes;
import io.sockudo.testkit.services.NatsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Three nodes over a nats-server this test starts. */
class NatsNodesTest extends ClusterStateContract {

    private static NatsServer nats;

    @BeforeAll
    static void startNats() {
        nats = NatsServer.start();
    }

    @AfterAll
    static void stopNats() {
        nats.close();
    }

    @Override
    AdapterSettings settings() {
        return ClusterNodes.nats(nats.url());
    }

    @Override
    void killBackbone() {
        nats.kill();
    }

    @Override
    void restartBackbone() {
        nats.restart();
    }
}
