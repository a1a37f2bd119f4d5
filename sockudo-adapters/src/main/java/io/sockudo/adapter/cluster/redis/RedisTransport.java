package io.sockudo.adapter.cluster.redis;

import io.sockudo.adapter.cluster.Destination;
import io.sockudo.adapter.cluster.Subjects;
import io.sockudo.adapter.cluster.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Pipeline;

/**
 * Redis pub/sub as a cluster backbone, standalone or Redis Cluster (whose nodes forward every
 * PUBLISH to every node, so one subscription anywhere hears the whole cluster).
 *
 * <p>Subscriptions live on one dedicated connection, owned by a subscriber thread that opens it
 * again (with backoff) whenever it breaks and subscribes anew. Publishing, from the backbone's
 * single publisher thread, pipelines each batch on one connection too, opened again after a
 * failure: a pool would add nothing to one thread, and in a Redis Cluster one connection is
 * what keeps the order (PUBLISH sent to different nodes reaches subscribers in any order).
 *
 * <p>A subscription only reads, so a server that stops answering without closing the socket
 * (frozen, or cut off by the network) would go unnoticed: the subscriber connection is pinged
 * every keepalive interval and closed, to be opened again, after three intervals of silence.
 */
final class RedisTransport implements Transport {

    private static final long MIN_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 2_000;

    private final String name;
    private final Subjects subjects;
    private final IntFunction<Connection> connections;
    private final AutoCloseable resources;
    private final long keepaliveNanos;
    private volatile boolean running;
    private volatile Subscription current;
    private ScheduledExecutorService keepalive;
    private volatile Connection subscribed;
    private Thread subscriber;
    private Connection publishing;
    private int publishAttempt;

    /**
     * @param connections a new, unconnected connection for the given attempt number (a cluster
     *                    tries its nodes in turn)
     * @param resources   closed with the transport
     */
    RedisTransport(String name, Subjects subjects, IntFunction<Connection> connections, AutoCloseable resources,
                   Duration keepalive) {
        this.name = name;
        this.subjects = subjects;
        this.connections = connections;
        this.resources = resources;
        this.keepaliveNanos = keepalive.toNanos();
    }

    @Override
    public void start(List<String> subscriptions, Inbound inbound) {
        byte[][] channels = subscriptions.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        running = true;
        subscriber = new Thread(() -> subscribeUntilClosed(channels, inbound), "sockudo-backbone-" + name + "-subscriber");
        subscriber.setDaemon(true);
        subscriber.start();
        keepalive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sockudo-backbone-" + name + "-keepalive");
            t.setDaemon(true);
            return t;
        });
        keepalive.scheduleAtFixedRate(this::checkSubscription, keepaliveNanos, keepaliveNanos, TimeUnit.NANOSECONDS);
    }

    private void checkSubscription() {
        Subscription s = current;
        Connection c = subscribed;
        if (s == null || c == null) {
            return;
        }
        if (System.nanoTime() - s.lastHeard > 3 * keepaliveNanos) {
            c.close(); // the subscriber's read fails and it starts over
        } else if (s.confirmed) {
            try {
                s.ping();
            } catch (RuntimeException e) {
                // a broken connection: the subscriber is about to find out
            }
        }
    }

    private void subscribeUntilClosed(byte[][] channels, Inbound inbound) {
        long backoff = MIN_BACKOFF_MS;
        for (int attempt = 0; running; attempt++) {
            Subscription subscription = new Subscription(channels.length, inbound);
            try (Connection connection = connections.apply(attempt)) {
                subscribed = connection;
                current = subscription;
                if (!running) {
                    return;
                }
                subscription.proceed(connection, channels); // returns when the connection breaks
                throw new IllegalStateException("the subscription ended");
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                inbound.down(e);
            }
            if (subscription.confirmed) {
                backoff = MIN_BACKOFF_MS;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
    }

    @Override
    public void send(List<Outgoing> batch) {
        if (publishing == null) {
            publishing = connections.apply(publishAttempt++);
        }
        try {
            Pipeline pipeline = new Pipeline(publishing, false);
            for (Outgoing o : batch) {
                pipeline.publish(o.subject().getBytes(StandardCharsets.UTF_8), o.payload());
            }
            pipeline.sync();
        } catch (RuntimeException e) {
            publishing.close();
            publishing = null; // the next batch opens a new one
            throw e;
        }
    }

    @Override
    public String subject(Destination destination) {
        return subjects.of(destination);
    }

    @Override
    public void close() {
        running = false;
        if (keepalive != null) {
            keepalive.shutdownNow();
        }
        Connection connection = subscribed;
        if (connection != null) {
            connection.close(); // breaks the subscriber's blocking read
        }
        if (subscriber != null) {
            subscriber.interrupt();
            try {
                subscriber.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            resources.close();
        } catch (Exception e) {
            // closing is best effort
        }
    }

    /** One subscribing session: reports {@code up} once every channel is confirmed. */
    private static final class Subscription extends BinaryJedisPubSub {
        private final int channels;
        private final Inbound inbound;
        volatile boolean confirmed;
        volatile long lastHeard = System.nanoTime();

        Subscription(int channels, Inbound inbound) {
            this.channels = channels;
            this.inbound = inbound;
        }

        @Override
        public void onPong(byte[] pattern) {
            lastHeard = System.nanoTime();
        }

        @Override
        public void onSubscribe(byte[] channel, int subscribedChannels) {
            lastHeard = System.nanoTime();
            if (subscribedChannels == channels) {
                confirmed = true;
                inbound.up();
            }
        }

        @Override
        public void onMessage(byte[] channel, byte[] message) {
            lastHeard = System.nanoTime();
            inbound.message(message);
        }
    }
}
