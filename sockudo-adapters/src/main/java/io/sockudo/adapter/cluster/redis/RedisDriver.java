package io.sockudo.adapter.cluster.redis;

import io.sockudo.adapter.cluster.RedisClusterSettings;
import io.sockudo.adapter.cluster.RedisSettings;
import io.sockudo.adapter.cluster.Subjects;
import io.sockudo.adapter.cluster.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.util.JedisURIHelper;

/** Transports over Redis and Redis Cluster, from sockudo's settings. */
public final class RedisDriver {

    private static final int TIMEOUT_MS = 2_000;
    /** How often a subscription is checked; three intervals of silence and it is reopened. */
    public static final Duration KEEPALIVE = Duration.ofSeconds(5);

    private RedisDriver() {
    }

    /** Redis at {@code settings.url()}; nothing is connected until the transport starts. */
    public static Transport standalone(RedisSettings settings) {
        return standalone(settings, KEEPALIVE);
    }

    /** Redis with another keepalive interval than {@link #KEEPALIVE}. */
    public static Transport standalone(RedisSettings settings, Duration keepalive) {
        URI uri = URI.create(settings.url());
        if (!JedisURIHelper.isValid(uri)) {
            throw new IllegalArgumentException("adapter.redis url is not a redis:// URL: " + settings.url());
        }
        HostAndPort address = JedisURIHelper.getHostAndPort(uri);
        DefaultJedisClientConfig.Builder config = clientConfig()
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri));
        if (JedisURIHelper.isRedisSSLScheme(uri)) {
            config.sslOptions(SslOptions.defaults());
        }
        if (JedisURIHelper.hasDbIndex(uri)) {
            config.database(JedisURIHelper.getDBIndex(uri));
        }
        JedisClientConfig clientConfig = config.build();
        return new RedisTransport("redis", Subjects.redis(settings.prefix()), attempt -> new Connection(address, clientConfig), () -> { }, keepalive);
    }

    /**
     * A Redis Cluster reached through {@code settings.nodes()}.
     *
     * @throws RuntimeException when none of the seed nodes answers (the topology is read now)
     */
    public static Transport cluster(RedisClusterSettings settings) {
        return cluster(settings, KEEPALIVE);
    }

    /** A Redis Cluster with another keepalive interval than {@link #KEEPALIVE}. */
    public static Transport cluster(RedisClusterSettings settings, Duration keepalive) {
        if (settings.nodes().isEmpty()) {
            throw new IllegalArgumentException("adapter.cluster.nodes (REDIS_CLUSTER_NODES) names no node");
        }
        Set<HostAndPort> seeds = new LinkedHashSet<>();
        for (String node : settings.nodes()) {
            seeds.add(node.contains("://") ? JedisURIHelper.getHostAndPort(URI.create(node)) : HostAndPort.from(node));
        }
        JedisClientConfig clientConfig = clientConfig().build();
        // the client keeps the cluster's topology up to date; it sends no command of ours
        RedisClusterClient client = RedisClusterClient.builder().nodes(seeds).clientConfig(clientConfig)
                .poolConfig(pool()).maxAttempts(3).maxTotalRetriesDuration(Duration.ofMillis(TIMEOUT_MS)).build();
        List<HostAndPort> known = new CopyOnWriteArrayList<>(seeds);
        // any node will do, to publish or subscribe: the cluster forwards every PUBLISH to all
        return new RedisTransport("redis-cluster", Subjects.redis(settings.prefix()), attempt -> {
            for (String node : client.getClusterNodes().keySet()) {
                HostAndPort address = HostAndPort.from(node);
                if (!known.contains(address)) {
                    known.add(address);
                }
            }
            return new Connection(known.get(Math.floorMod(attempt, known.size())), clientConfig);
        }, client, keepalive);
    }

    /**
     * RESP2 on purpose: under RESP3 a subscribed connection answers the keepalive PING with a
     * plain {@code +PONG}, which Jedis matches to a handler it queues only after the PING is
     * flushed; a reply quicker than that queueing ends the subscription ("Unexpected message :
     * PONG"). Under RESP2 the answer is a pub/sub message, read in order like every other.
     */
    static DefaultJedisClientConfig.Builder clientConfig() {
        return DefaultJedisClientConfig.builder().connectionTimeoutMillis(TIMEOUT_MS).socketTimeoutMillis(TIMEOUT_MS)
                .protocol(RedisProtocol.RESP2).clientName("sockudo-backbone");
    }

    /** The topology client needs a connection now and then, no more. */
    private static ConnectionPoolConfig pool() {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(2);
        pool.setMaxIdle(1);
        pool.setMaxWait(Duration.ofMillis(TIMEOUT_MS));
        return pool;
    }
}
