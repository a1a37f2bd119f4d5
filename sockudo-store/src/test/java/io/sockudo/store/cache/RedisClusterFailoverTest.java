package io.sockudo.store.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.store.redis.RedisSettings;
import io.sockudo.testkit.Poll;
import io.sockudo.testkit.services.RedisCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The shared channel cache on a six-node Redis Cluster: the master holding a channel's key is
 * killed (SIGKILL), its replica is promoted, and the same client carries on writing and reading
 * that key on the new master, without being reopened.
 */
class RedisClusterFailoverTest {

    private static final String APP = "app-1";
    private static final String CHANNEL = "cache-failover";
    private static final Duration TTL = Duration.ofMinutes(1);

    @Test
    void theCacheKeepsWorkingWhenAMasterDiesAndItsReplicaTakesOver() throws Exception {
        try (RedisCluster cluster = RedisCluster.start();
             RedisChannelCache cache = RedisChannelCache.open(RedisSettings.cluster(cluster.nodes()), "failover:")) {
            assertThat(cluster.nodes()).hasSize(6);
            cache.put(APP, CHANNEL, bytes("before"), TTL);
            Poll.until("the first write is readable", () -> "before".equals(text(cache, CHANNEL)));

            RedisCluster.Failover failover = cluster.killMasterOf(cache.key(APP, CHANNEL));
            assertThat(failover.promoted()).isNotEqualTo(failover.killed());

            // replication is asynchronous, so the promoted replica may or may not hold "before";
            // what must hold is that the client finds the new master and writes and reads there
            AtomicInteger round = new AtomicInteger();
            Poll.until("a write after the failover is read back by the same client", Duration.ofSeconds(30), () -> {
                String value = "after-" + round.incrementAndGet();
                cache.put(APP, CHANNEL, bytes(value), TTL);
                return value.equals(text(cache, CHANNEL));
            });
            assertThat(cache.health().get(10, TimeUnit.SECONDS).healthy()).isTrue();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(RedisChannelCache cache, String channel) {
        try {
            byte[] frame = cache.get(APP, channel).get(10, TimeUnit.SECONDS);
            return frame == null ? null : new String(frame, StandardCharsets.UTF_8);
        } catch (Exception e) {
            return null;
        }
    }
}
