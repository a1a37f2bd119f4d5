package io.sockudo.adapter.cluster;

import io.sockudo.adapter.cluster.redis.RedisDriver;
import io.sockudo.adapter.cluster.services.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
