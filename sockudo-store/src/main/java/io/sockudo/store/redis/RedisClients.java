package io.sockudo.store.redis;

import java.util.LinkedHashSet;
import java.util.Set;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/** Opens pooled Jedis clients for {@link RedisSettings}; one client serves any number of threads. */
public final class RedisClients {

    private RedisClients() {
    }

    /**
     * Connects and checks that Redis answers. Blocks: call it at startup.
     *
     * @throws RedisStoreException naming the address when Redis does not answer within the timeout
     */
    public static UnifiedJedis open(RedisSettings settings) {
        int millis = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis)
                .user(settings.username())
                .password(settings.password());
        if (!settings.cluster()) {
            config.database(settings.database());
        }
        JedisClientConfig clientConfig = config.build();
        UnifiedJedis client;
        try {
            if (settings.cluster()) {
                Set<HostAndPort> seeds = new LinkedHashSet<>();
                settings.nodes().forEach(n -> seeds.add(new HostAndPort(n.host(), n.port())));
                client = RedisClusterClient.builder().nodes(seeds).clientConfig(clientConfig).build();
            } else {
                RedisSettings.Node n = settings.nodes().get(0);
                client = RedisClient.builder().hostAndPort(n.host(), n.port()).clientConfig(clientConfig).build();
            }
        } catch (RuntimeException e) {
            throw new RedisStoreException("cannot connect to " + settings + ": " + e.getMessage(), e);
        }
        try {
            client.ping();
        } catch (RuntimeException e) {
            client.close();
            throw new RedisStoreException("cannot connect to " + settings + ": " + e.getMessage(), e);
        }
        return client;
    }
}
