package io.sockudo.server.testing;

import io.sockudo.adapter.cluster.AdapterSettings;
import io.sockudo.testkit.services.NatsServer;
import io.sockudo.testkit.services.RedisServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@code redis-server} and a {@code nats-server} of the test class's own, started before its
 * first test and stopped after its last, for tests that run the same cluster over either driver:
 * {@code @RegisterExtension static final RedisAndNats BACKBONES = new RedisAndNats();}
 */
public final class RedisAndNats implements BeforeAllCallback, AfterAllCallback {

    private RedisServer redis;
    private NatsServer nats;

    @Override
    public void beforeAll(ExtensionContext context) {
        redis = RedisServer.start();
        nats = NatsServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (redis != null) {
            redis.close();
        }
        if (nats != null) {
            nats.close();
        }
    }

    /** The adapter settings of {@code driver}, {@code redis} or {@code nats}, pointing at this class's server. */
    public AdapterSettings settings(String driver) {
        return switch (driver) {
            case "redis" -> ClusterNodes.redis(redis.url());
            case "nats" -> ClusterNodes.nats(nats.url());
            default -> throw new IllegalArgumentException("redis or nats, not " + driver);
        };
    }
}
