package io.sockudo.adapter.cluster;

import io.sockudo.adapter.cluster.nats.NatsDriver;
import io.sockudo.adapter.cluster.services.NatsServer;
import io.sockudo.adapter.cluster.services.ServiceProcess;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NatsBackboneTest extends BackboneContract {

    private static NatsServer nats;

    @BeforeAll
    static void startNats() {
        nats = NatsServer.start();
    }

    @AfterAll
    static void stopNats() {
        if (nats != null) {
            nats.close();
        }
    }

    @Override
    Transport transport(String prefix) {
        return NatsDriver.transport(new NatsSettings(List.of(nats.url()), prefix, 1_000, null, null, null, 2_000), KEEPALIVE);
    }

    @Test
    void nodesStartedBeforeNatsConnectWhenItComesUp() throws Exception {
        int port = ServiceProcess.freePort();
        NatsServer[] late = new NatsServer[1];
        try {
            nodesStartedBeforeTheirServerConnectWhenItComesUp(
                    prefix -> NatsDriver.transport(new NatsSettings(List.of("nats://127.0.0.1:" + port), prefix, 1_000,
                            null, null, null, 2_000), KEEPALIVE),
                    () -> late[0] = NatsServer.startOn(port));
        } finally {
            closeNodes();
            if (late[0] != null) {
                late[0].close();
            }
        }
    }

    @Override
    void freezeServer(boolean frozen) {
        if (frozen) {
            nats.freeze();
        } else {
            nats.thaw();
        }
    }

    @Override
    void crashAndRestartServer() {
        nats.kill();
        nats.restart();
    }
}
