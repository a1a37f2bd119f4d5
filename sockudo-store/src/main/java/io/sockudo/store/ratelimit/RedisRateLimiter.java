package io.sockudo.store.ratelimit;

import io.sockudo.adapter.ratelimit.AsyncRateLimiter;
import io.sockudo.adapter.ratelimit.RateLimiter;
import io.sockudo.store.redis.RedisCalls;
import io.sockudo.store.redis.RedisClients;
import io.sockudo.store.redis.RedisSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import redis.clients.jedis.UnifiedJedis;

/**
 * Counts in Redis or a Redis Cluster ({@code rate_limiter.driver} {@code redis},
 * {@code redis-cluster}), so every node spends from the same budget. The window is fixed and
 * starts with a key's first request, as the memory limiter's: one Lua script per request adds
 * the permits, starts the key's expiry with the window, and takes them back when they exceed the
 * budget, so a refused request takes nothing and concurrent requests on any node are counted
 * exactly.
 *
 * <p>The caller never waits: the script runs on Redis threads of this limiter's own and the
 * verdict completes a future, within the Redis timeout. When Redis is gone the future fails; the
 * caller decides what that means (the HTTP edge refuses, as sockudo's limiter fails closed).
 */
public final class RedisRateLimiter implements AsyncRateLimiter<String>, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisRateLimiter.class.getName());

    /** sockudo's {@code rate_limiter.redis.prefix}. */
    public static final String DEFAULT_PREFIX = "sockudo_rl:";

    /** KEYS[1] the counter; ARGV permits, window in ms, limit. Returns {allowed 0/1, count, pttl}. */
    private static final String SCRIPT = """
            local permits = tonumber(ARGV[1])
            local count = redis.call('INCRBY', KEYS[1], permits)
            if count == permits then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) ttl = tonumber(ARGV[2]) end
            if count > tonumber(ARGV[3]) then
              count = redis.call('DECRBY', KEYS[1], permits)
              return {0, count, ttl}
            end
            return {1, count, ttl}
            """;

    private final UnifiedJedis redis;
    private final String prefix;
    private final long windowMillis;
    private final String where;
    private final RedisCalls calls;
    private final AtomicBoolean failing = new AtomicBoolean();

    RedisRateLimiter(UnifiedJedis redis, RedisSettings settings, String prefix, Duration window) {
        this.redis = redis;
        this.prefix = prefix;
        this.windowMillis = window.toMillis();
        this.where = settings.toString();
        this.calls = new RedisCalls("rate-limiter", 4, 4096, settings.timeout().plusMillis(500));
    }

    /**
     * Connects (blocking: call it at startup).
     *
     * @param prefix the keys' prefix; a key is {@code {prefix}{identifier}:{client}}
     * @param window the window of every budget counted here
     * @throws io.sockudo.store.redis.RedisStoreException when Redis does not answer
     */
    public static RedisRateLimiter open(RedisSettings settings, String prefix, Duration window) {
        return new RedisRateLimiter(RedisClients.open(settings), settings, prefix, window);
    }

    @Override
    public CompletableFuture<RateLimiter.Decision> tryAcquire(String key, int permits, int limit) {
        if (limit <= 0) {
            return CompletableFuture.completedFuture(RateLimiter.Decision.UNLIMITED);
        }
        String redisKey = prefix + key;
        List<String> args = List.of(String.valueOf(permits), String.valueOf(windowMillis), String.valueOf(limit));
        return calls.call("counting " + key, () -> redis.eval(SCRIPT, List.of(redisKey), args))
                .thenApply(reply -> decision(reply, limit))
                .whenComplete((d, e) -> {
                    if (e != null && failing.compareAndSet(false, true)) {
                        LOG.log(System.Logger.Level.WARNING, "rate limiter on " + where + " is failing; limited requests are refused "
                                + "until it is back: " + e.getMessage());
                    } else if (e == null && failing.compareAndSet(true, false)) {
                        LOG.log(System.Logger.Level.INFO, "rate limiter on " + where + " answers again");
                    }
                });
    }

    private static RateLimiter.Decision decision(Object reply, int limit) {
        List<?> r = (List<?>) reply;
        boolean allowed = ((Number) r.get(0)).longValue() == 1;
        long count = ((Number) r.get(1)).longValue();
        long ttlMillis = Math.max(0, ((Number) r.get(2)).longValue());
        long resetSeconds = Math.max(1, (ttlMillis + 999) / 1000);
        return new RateLimiter.Decision(allowed, limit, (int) Math.max(0, limit - count), resetSeconds);
    }

    @Override
    public void close() {
        calls.close();
        redis.close();
    }
}
