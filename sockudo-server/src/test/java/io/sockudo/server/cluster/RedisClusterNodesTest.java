package io.sockudo.server.cluster;

import io.sockudo.adapter.cluster.AdapterSettings;
import io.sockudo.server.testing.ClusterNodes;
import io.sockudo.testkit.services.RedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Three nodes over a six-node Redis Cluster (three masters, three replicas) this test makes. */
class RedisClusterNodesTest extends ClusterStateContract {

    private static RedisCluster redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisCluster.start();
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
