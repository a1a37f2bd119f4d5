package io.sockudo.server.cluster;

import io.sockudo.adapter.cluster.AdapterSettings;
import io.sockudo.server.testing.ClusterNodes;
import io.sockudo.testkit.services.RedisClusterServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Three nodes over a three-master Redis Cluster this test makes. */
class RedisClusterNodesTest extends ClusterStateContract {

    private static RedisClusterServers redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisClusterServers.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Override
    AdapterSettings settings() {
        return ClusterNodes.redisCluster(redis.nodes());
    }

    @Override
    void killBackbone() {
        redis.killAll();
    }

    @Override
    void restartBackbone() {
        redis.restartAll();
    }
}
