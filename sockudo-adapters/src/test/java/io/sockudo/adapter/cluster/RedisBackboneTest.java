package io.sockudo.adapter.cluster;

import io.sockudo.adapter.cluster.redis.RedisDriver;
import io.sockudo.testkit.services.RedisServer;
import io.sockudo.testkit.services.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisBackboneTest extends BackboneContract {

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    Transport transport(String prefix) {
        return RedisDriver.standalone(new RedisSettings(redis.url(), prefix, 1_000, false), KEEPALIVE);
    }

    @Test
    void nodesStartedBeforeRedisConnectWhenItComesUp() throws Exception {
        int port = ServiceProcess.freePort();
        RedisServer[] late = new RedisServer[1];
        try {
            nodesStartedBeforeTheirServerConnectWhenItComesUp(
                    prefix -> RedisDriver.standalone(new RedisSettings("redis://127.0.0.1:" + port, prefix, 1_000, false), KEEPALIVE),
                    () -> late[0] = RedisServer.startOn(port));
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
            redis.freeze();
        } else {
            redis.thaw();
        }
    }

    @Override
    void crashAndRestartServer() {
        redis.kill();
        redis.restart();
    }
}
