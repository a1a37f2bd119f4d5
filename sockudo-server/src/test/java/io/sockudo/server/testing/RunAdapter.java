package io.sockudo.server.testing;

import io.sockudo.adapter.cluster.AdapterSettings;
import io.sockudo.adapter.cluster.NatsSettings;
import io.sockudo.adapter.cluster.RedisClusterSettings;
import io.sockudo.adapter.cluster.RedisSettings;
import io.sockudo.testkit.services.NatsServer;
import io.sockudo.testkit.services.RedisServer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The adapter driver a test run gives every {@link TestServer}: the local adapter unless the
 * system property {@value #PROPERTY} names {@code redis} or {@code nats}. Then the run starts one
 * {@code redis-server} or {@code nats-server} on a free port (stopped when the JVM exits) and
 * every server is a one-node cluster on it: each gets a prefix of its own, so servers that a
 * test runs side by side never hear each other, yet every broadcast, presence change and query
 * goes through the cluster adapter and its backbone exactly as in a real cluster.
 */
final class RunAdapter {

    static final String PROPERTY = "sockudo.test.adapter";
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private RunAdapter() {
    }

    /** The settings for the next server, or empty for the local adapter. */
    static Optional<AdapterSettings> next() {
        String driver = System.getProperty(PROPERTY, "local");
        String prefix = "solo" + SERVERS.incrementAndGet();
        return switch (driver) {
            case "local" -> Optional.empty();
            case "redis" -> Optional.of(new AdapterSettings("redis",
                    new RedisSettings(Redis.SERVER.url(), prefix + ":", RedisSettings.DEFAULTS.requestsTimeoutMs(), false),
                    RedisClusterSettings.DEFAULTS, NatsSettings.DEFAULTS, ClusterNodes.FAST_HEALTH));
            case "nats" -> {
                NatsSettings d = NatsSettings.DEFAULTS;
                yield Optional.of(new AdapterSettings("nats", RedisSettings.DEFAULTS, RedisClusterSettings.DEFAULTS,
                        new NatsSettings(List.of(Nats.SERVER.url()), prefix, d.requestTimeoutMs(), null, null, null,
                                d.connectionTimeoutMs()), ClusterNodes.FAST_HEALTH));
            }
            default -> throw new IllegalStateException(PROPERTY + " is local, redis or nats, not \"" + driver + "\"");
        };
    }

    /** Started on first use, by the first test that needs it. */
    private static final class Redis {
        static final RedisServer SERVER = stoppedAtExit(RedisServer.start());

        private static RedisServer stoppedAtExit(RedisServer redis) {
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "stop-redis"));
            return redis;
        }
    }

    private static final class Nats {
        static final NatsServer SERVER = stoppedAtExit(NatsServer.start());

        private static NatsServer stoppedAtExit(NatsServer nats) {
            Runtime.getRuntime().addShutdownHook(new Thread(nats::close, "stop-nats"));
            return nats;
        }
    }
}
