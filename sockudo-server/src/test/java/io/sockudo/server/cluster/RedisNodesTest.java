package io.sockudo.server.cluster;

import io.sockudo.adapter.cluster.AdapterSettings;
import io.sockudo.server.testing.ClusterNodes;
import io.sockudo.testkit.services.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Three nodes over a standalone redis-server this test starts. */
class RedisNodesTest extends ClusterStateContract {

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Override
    AdapterSettings settings() {
        return ClusterNodes.redis(redis.url());
    }

    @Override
    void killBackbone() {
        redis.kill();
    }

    @Override
    void restartBackbone() {
        redis.restart();
    }
}
