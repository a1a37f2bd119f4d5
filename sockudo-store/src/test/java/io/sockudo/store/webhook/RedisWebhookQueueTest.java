package io.sockudo.store.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.app.App;
import io.sockudo.protocol.WebhookEvent;
import io.sockudo.store.redis.RedisSettings;
import io.sockudo.testkit.services.RedisCluster;
import io.sockudo.testkit.services.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Redis webhook queue against a real redis-server (and once on a Redis Cluster): order, one
 * worker per app at a time, durability across a worker's crash, hand-back at close.
 */
class RedisWebhookQueueTest {

    private static final App APP = Fixtures.app(Fixtures.everything("http://127.0.0.1:1/hook"));
    private static final RedisWebhookQueue.Leases SHORT = new RedisWebhookQueue.Leases(Duration.ofMillis(600), Duration.ofMillis(150));

    private static RedisServer redis;
    private static int prefixes;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static RedisWebhookQueue queue(String prefix, App... apps) {
        List<App> known = apps.length == 0 ? List.of(APP) : List.of(apps);
        return RedisWebhookQueue.open(RedisSettings.standalone(redis.host(), redis.port()), prefix, 1000, SHORT,
                id -> CompletableFuture.completedFuture(known.stream().filter(a -> a.id().equals(id)).findFirst().orElse(null)));
    }

    private static String freshPrefix() {
        return "test" + (++prefixes) + ":";
    }

    private static WebhookBatch batch(String channel) {
        return new WebhookBatch(APP, 1_700_000_000_000L, List.of(WebhookEvent.channelOccupied(channel),
                WebhookEvent.clientEvent(channel, "client-x", "{\"a\":1}", "1.2", "\"u1\"")));
    }

    @Test
    void batchesComeOutOldestFirstWithTheirAppLookedUpAgain() throws Exception {
        String prefix = freshPrefix();
        try (RedisWebhookQueue q = queue(prefix)) {
            assertThat(q.offer(batch("one"))).isTrue();
            assertThat(q.offer(batch("two"))).isTrue();
            WebhookBatch first = q.poll(Duration.ofSeconds(1));
            assertThat(first).isEqualTo(batch("one"));
            assertThat(first.app()).isSameAs(APP);
            assertThat(q.poll(Duration.ofSeconds(1))).isEqualTo(batch("two"));
            assertThat(q.poll(Duration.ZERO)).isNull();
            q.acknowledge(first);
        }
        try (RedisWebhookQueue next = queue(prefix)) {
            // the unacknowledged second batch was handed back at close; the first is gone
            assertThat(next.poll(Duration.ofSeconds(1))).isEqualTo(batch("two"));
            assertThat(next.poll(Duration.ZERO)).isNull();
        }
    }

    @Test
    void aCrashedWorkersBatchesAreDeliveredByAnotherAfterItsLease() throws Exception {
        String prefix = freshPrefix();
        RedisWebhookQueue crashing = queue(prefix);
        crashing.offer(batch("taken"));
        crashing.offer(batch("waiting-1"));
        crashing.offer(batch("waiting-2"));
        assertThat(crashing.poll(Duration.ofSeconds(1))).isEqualTo(batch("taken"));
        crashing.abandon();

        try (RedisWebhookQueue survivor = queue(prefix)) {
            List<String> got = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (got.size() < 3 && System.nanoTime() < deadline) {
                WebhookBatch b = survivor.poll(Duration.ofMillis(200));
                if (b != null) {
                    got.add(b.events().get(0).channel());
                    survivor.acknowledge(b);
                }
            }
            // the app was the crashed worker's until its lease ended; its batch comes back first, in its place
            assertThat(got).containsExactly("taken", "waiting-1", "waiting-2");
        }
    }

    @Test
    void anAppAnotherWorkerIsDeliveringIsNotHandedOutUntilThatWorkerHasFinishedIt() throws Exception {
        String prefix = freshPrefix();
        App other = Fixtures.app("other", Fixtures.everything("http://127.0.0.1:1/other"));
        try (RedisWebhookQueue first = queue(prefix, APP, other); RedisWebhookQueue second = queue(prefix, APP, other)) {
            first.offer(batch("a1"));
            first.offer(batch("a2"));
            first.offer(new WebhookBatch(other, 1L, List.of(WebhookEvent.channelOccupied("b1"))));
            WebhookBatch a1 = first.poll(Duration.ofSeconds(1));
            assertThat(a1).isEqualTo(batch("a1"));
            // APP is the first worker's while a1 is in its hands: the second gets the other app's batch
            WebhookBatch b1 = second.poll(Duration.ofSeconds(1));
            assertThat(b1.app()).isSameAs(other);
            assertThat(second.poll(Duration.ZERO)).isNull();
            first.acknowledge(a1);
            assertThat(second.poll(Duration.ofSeconds(1))).isEqualTo(batch("a2"));
            second.acknowledge(b1);
        }
    }

    @Test
    void theSameStepsWorkOnARedisClusterOfSixNodes() throws Exception {
        try (RedisCluster cluster = RedisCluster.start();
             RedisWebhookQueue first = RedisWebhookQueue.open(RedisSettings.cluster(cluster.nodes()), "q:", 1000, SHORT,
                     id -> CompletableFuture.completedFuture(APP));
             RedisWebhookQueue second = RedisWebhookQueue.open(RedisSettings.cluster(cluster.nodes()), "q:", 1000, SHORT,
                     id -> CompletableFuture.completedFuture(APP))) {
            first.offer(batch("one"));
            first.offer(batch("two"));
            WebhookBatch one = first.poll(Duration.ofSeconds(1));
            assertThat(one).isEqualTo(batch("one"));
            assertThat(second.poll(Duration.ZERO)).isNull();
            first.acknowledge(one);
            WebhookBatch two = second.poll(Duration.ofSeconds(1));
            assertThat(two).isEqualTo(batch("two"));
            second.acknowledge(two);
            assertThat(first.poll(Duration.ZERO)).isNull();
        }
    }

    @Test
    void aFullQueueRefusesAndAnUnreadableBatchIsDropped() throws Exception {
        try (RedisWebhookQueue q = RedisWebhookQueue.open(RedisSettings.standalone(redis.host(), redis.port()), freshPrefix(), 1,
                SHORT, id -> CompletableFuture.completedFuture(null))) {
            assertThat(q.offer(batch("a"))).isTrue();
            assertThat(q.offer(batch("b"))).isFalse();
            // its app is gone: the batch is dropped rather than handed out
            assertThat(q.poll(Duration.ofSeconds(1))).isNull();
            assertThat(q.offer(batch("c"))).isTrue();
        }
    }
}
