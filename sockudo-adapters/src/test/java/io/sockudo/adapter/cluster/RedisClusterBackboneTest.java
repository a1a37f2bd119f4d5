package io.sockudo.adapter.cluster;

import io.sockudo.adapter.cluster.redis.RedisDriver;
import io.sockudo.testkit.services.RedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class RedisClusterBackboneTest extends BackboneContract {

    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    Transport transport(String prefix) {
        return RedisDriver.cluster(new RedisClusterSettings(cluster.nodes(), prefix, 1_000), KEEPALIVE);
    }

    @Override
    void freezeServer(boolean frozen) {
        if (frozen) {
            cluster.freezeAll();
        } else {
            cluster.thawAll();
        }
    }

    /** Every node of the cluster at once, so that no subscription survives elsewhere. */
    @Override
    void crashAndRestartServer() {
        cluster.killAll();
        cluster.restartAll();
    }
}
