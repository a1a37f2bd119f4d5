package io.sockudo.adapter.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.testkit.Poll;
import io.sockudo.testkit.services.RedisServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * The backbone pings its subscription from a keepalive thread while the subscriber thread reads.
 * With the connection settings the driver uses, every answer must reach the subscription as a
 * pong, however the answers interleave with the messages pouring in.
 */
class SubscriberKeepaliveTest {

    private static final byte[] CHANNEL = "keepalive-test".getBytes(StandardCharsets.UTF_8);
    private static final int PINGS = 3_000;

    @Test
    void pingsFromAnotherThreadWhileMessagesPourInNeverEndTheSubscription() throws Exception {
        try (RedisServer redis = RedisServer.start();
             Connection connection = new Connection(new HostAndPort(redis.host(), redis.port()), RedisDriver.clientConfig().build())) {
            AtomicInteger pongs = new AtomicInteger();
            AtomicInteger subscribed = new AtomicInteger();
            AtomicReference<Throwable> ended = new AtomicReference<>();
            BinaryJedisPubSub subscription = new BinaryJedisPubSub() {
                @Override
                public void onSubscribe(byte[] channel, int count) {
                    subscribed.set(count);
                }

                @Override
                public void onPong(byte[] pattern) {
                    pongs.incrementAndGet();
                }
            };
            Thread reader = new Thread(() -> {
                try {
                    subscription.proceed(connection, CHANNEL);
                } catch (RuntimeException e) {
                    ended.set(e);
                }
            });
            reader.start();
            Poll.until("the subscription is confirmed", () -> subscribed.get() == 1);

            Thread publisher = new Thread(() -> publishUntilInterrupted(redis));
            publisher.start();
            try {
                for (int i = 0; i < PINGS && ended.get() == null; i++) {
                    subscription.ping();
                }
                Poll.until("every ping is answered", Duration.ofSeconds(30),
                        () -> pongs.get() == PINGS || ended.get() != null);
            } finally {
                publisher.interrupt();
                publisher.join();
            }
            assertThat(ended.get()).as("what ended the subscription").isNull();
            assertThat(pongs.get()).isEqualTo(PINGS);
            subscription.unsubscribe();
            reader.join(5_000);
        }
    }

    private static void publishUntilInterrupted(RedisServer redis) {
        byte[] payload = new byte[200];
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            while (!Thread.currentThread().isInterrupted()) {
                Pipeline pipeline = jedis.pipelined();
                for (int i = 0; i < 50; i++) {
                    pipeline.publish(CHANNEL, payload);
                }
                pipeline.sync();
            }
        }
    }
}
