package io.sockudo.store.cache;

import io.sockudo.adapter.health.Health;
import io.sockudo.adapter.hooks.ChannelCache;
import io.sockudo.store.redis.RedisCalls;
import io.sockudo.store.redis.RedisClients;
import io.sockudo.store.redis.RedisSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Cache channels' last events in Redis or a Redis Cluster ({@code cache.driver} {@code redis},
 * {@code redis-cluster}), so that a subscriber on any node gets the event published on another.
 * Keys are sockudo's: {@code {prefix}app:{appId}:channel:{channel}:cache_miss} holding the
 * frame, with the channel cache TTL as the key's expiry.
 *
 * <p>Nothing here blocks the caller: writes go, in the order they were made, to one Redis thread,
 * so the last event published is the one kept; reads run on a few threads of their own and
 * complete within the Redis timeout. When Redis is gone, a write is dropped and a read answers
 * "nothing cached" (the subscriber gets {@code pusher:cache_miss}); the first failure of an outage
 * is logged, and its end.
 */
public final class RedisChannelCache implements ChannelCache, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisChannelCache.class.getName());

    /** sockudo's {@code cache.redis.prefix}. */
    public static final String DEFAULT_PREFIX = "sockudo_cache:";

    private final UnifiedJedis redis;
    private final String prefix;
    private final String where;
    private final RedisCalls writes;
    private final RedisCalls reads;
    private final AtomicBoolean failing = new AtomicBoolean();

    /**
     * Connects (blocking: call it at startup).
     *
     * @throws io.sockudo.store.redis.RedisStoreException when Redis does not answer
     */
    public static RedisChannelCache open(RedisSettings settings, String prefix) {
        return new RedisChannelCache(RedisClients.open(settings), settings, prefix);
    }

    /**
     * @param redis    the client, closed with this cache
     * @param settings where it connects, for messages and the timeout
     * @param prefix   the keys' prefix
     */
    public RedisChannelCache(UnifiedJedis redis, RedisSettings settings, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
        this.where = settings.toString();
        this.writes = new RedisCalls("channel-cache-writes", 1, 10_000, settings.timeout().multipliedBy(2));
        this.reads = new RedisCalls("channel-cache-reads", 4, 1024, settings.timeout().plusMillis(500));
    }

    /** The key of a channel's last event. */
    String key(String appId, String channel) {
        return prefix + "app:" + appId + ":channel:" + channel + ":cache_miss";
    }

    @Override
    public void put(String appId, String channel, byte[] frame, Duration ttl) {
        byte[] key = key(appId, channel).getBytes(StandardCharsets.UTF_8);
        long millis = Math.max(1, ttl.toMillis());
        watch(writes.call("storing the last event of " + channel, () -> redis.set(key, frame, SetParams.setParams().px(millis))));
    }

    @Override
    public CompletableFuture<byte[]> get(String appId, String channel) {
        byte[] key = key(appId, channel).getBytes(StandardCharsets.UTF_8);
        return watch(reads.call("reading the last event of " + channel, () -> redis.get(key)))
                .exceptionally(e -> null);
    }

    @Override
    public CompletableFuture<Long> ttlSeconds(String appId, String channel) {
        String key = key(appId, channel);
        return watch(reads.call("reading the TTL of " + channel, () -> redis.ttl(key)))
                .thenApply(t -> t < 0 ? -1L : t)
                .exceptionally(e -> -1L);
    }

    /** Logs the first failure of an outage and its end, not every failed call. */
    private <T> CompletableFuture<T> watch(CompletableFuture<T> call) {
        return call.whenComplete((v, e) -> {
            if (e != null) {
                if (failing.compareAndSet(false, true)) {
                    LOG.log(System.Logger.Level.WARNING, "channel cache on " + where
                            + " is failing; cache channels answer cache_miss until it is back: " + e.getMessage());
                }
            } else if (failing.compareAndSet(true, false)) {
                LOG.log(System.Logger.Level.INFO, "channel cache on " + where + " answers again");
            }
        });
    }

    /** For {@code /up}: Redis answers a PING within the read bound. */
    /** Every node reads the same keys: a node stores only the events published through it. */
    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public CompletableFuture<Health> health() {
        return Health.of(reads.call("health check", redis::ping));
    }

    @Override
    public void close() {
        writes.close();
        reads.close();
        redis.close();
    }
}
