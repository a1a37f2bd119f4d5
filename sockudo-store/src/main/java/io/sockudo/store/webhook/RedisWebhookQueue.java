package io.sockudo.store.webhook;

import io.sockudo.adapter.app.App;
import io.sockudo.store.redis.RedisClients;
import io.sockudo.store.redis.RedisSettings;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.args.ListDirection;

/**
 * A durable queue in Redis or a Redis Cluster ({@code queue.driver} {@code redis},
 * {@code redis-cluster}), shared by every node: a batch accepted here survives the crash of the
 * node that accepted it, and any node's worker may deliver it.
 *
 * <p>Batches wait in one list, oldest first. A worker takes one by moving it atomically into its
 * own processing list, and removes it from there once every endpoint has accepted it or been given
 * up on (the dispatcher's retries and backoff run in between). Each worker holds a lease, renewed
 * while it lives; when a worker's lease expires (the node crashed or hangs), any node moves that
 * worker's unfinished batches back to the front of the waiting list, so they are delivered again:
 * at least once. A node that stops cleanly puts its unfinished batches back at once. Every key
 * has the hash tag {@code {webhooks}}, so in a cluster they share a slot and each move stays atomic.
 *
 * <p>Redis is called on the dispatcher's own threads (batching, consumer, sender), never on an I/O
 * thread: {@link #offer} waits at most the Redis timeout. Per-endpoint order holds for the batches
 * one node delivers; batches of one app taken by two nodes at once may arrive in either order.
 */
public final class RedisWebhookQueue implements WebhookQueue {

    private static final System.Logger LOG = System.getLogger(RedisWebhookQueue.class.getName());

    /** sockudo's {@code queue.redis.prefix}. */
    public static final String DEFAULT_PREFIX = "sockudo_queue:";

    private static final String OFFER = """
            if redis.call('LLEN', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
            redis.call('LPUSH', KEYS[1], ARGV[1])
            return 1
            """;

    /**
     * How long leases last and how often they are renewed (sockudo's {@code queue.reliability}
     * {@code lease_duration_ms}, {@code lease_renew_interval_ms}).
     */
    public record Leases(Duration duration, Duration renewInterval) {
        public Leases {
            if (renewInterval.compareTo(duration) >= 0 || renewInterval.toMillis() < 1) {
                throw new IllegalArgumentException("leases must be renewed more often than they last");
            }
        }

        public static Leases defaults() {
            return new Leases(Duration.ofSeconds(30), Duration.ofSeconds(10));
        }
    }

    private final UnifiedJedis redis;
    private final Function<String, CompletableFuture<App>> apps;
    private final Duration timeout;
    private final int capacity;
    private final Leases leases;
    private final String pending;
    private final String workers;
    private final String keyPrefix;
    private final String worker = UUID.randomUUID().toString();
    private final String processing;
    private final String lease;
    /** The stored text of each batch handed out and not yet acknowledged, by identity. */
    private final Map<WebhookBatch, String> handedOut = Collections.synchronizedMap(new IdentityHashMap<>());
    private final ScheduledExecutorService leaseKeeper;
    private volatile int waiting;

    RedisWebhookQueue(UnifiedJedis redis, RedisSettings settings, String prefix, int capacity, Leases leases,
                      Function<String, CompletableFuture<App>> apps) {
        this.redis = redis;
        this.apps = Objects.requireNonNull(apps, "apps");
        this.timeout = settings.timeout();
        this.capacity = capacity;
        this.leases = leases;
        this.keyPrefix = prefix + "{webhooks}:";
        this.pending = keyPrefix + "pending";
        this.workers = keyPrefix + "workers";
        this.processing = keyPrefix + "processing:" + worker;
        this.lease = keyPrefix + "lease:" + worker;
        renewLease();
        this.leaseKeeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sockudo-webhook-leases");
            t.setDaemon(true);
            return t;
        });
        long every = leases.renewInterval().toMillis();
        leaseKeeper.scheduleWithFixedDelay(this::keepLeases, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Connects (blocking: call it at startup).
     *
     * @param capacity batches waiting at most; beyond it {@link #offer} refuses
     * @param apps     looks an app up by id when a batch is taken
     */
    public static RedisWebhookQueue open(RedisSettings settings, String prefix, int capacity, Leases leases,
                                         Function<String, CompletableFuture<App>> apps) {
        return new RedisWebhookQueue(RedisClients.open(settings), settings, prefix, capacity, leases, apps);
    }

    @Override
    public boolean offer(WebhookBatch batch) {
        try {
            Object added = redis.eval(OFFER, List.of(pending), List.of(WebhookBatchCodec.encode(batch), String.valueOf(capacity)));
            return added instanceof Number n && n.longValue() == 1;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "webhook batch for app " + batch.app().id() + " not queued: " + e.getMessage());
            return false;
        }
    }

    @Override
    public WebhookBatch poll(Duration wait) throws InterruptedException {
        String text;
        try {
            text = wait.toMillis() <= 0
                    ? redis.lmove(pending, processing, ListDirection.RIGHT, ListDirection.LEFT)
                    : redis.blmove(pending, processing, ListDirection.RIGHT, ListDirection.LEFT, wait.toMillis() / 1000.0);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "webhook queue poll failed: " + e.getMessage());
            Thread.sleep(Math.max(1, wait.toMillis()));
            return null;
        }
        if (text == null) {
            return null;
        }
        WebhookBatchCodec.Stored stored;
        try {
            stored = WebhookBatchCodec.decode(text);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "dropping a webhook batch that cannot be read: " + e.getMessage());
            remove(text);
            return null;
        }
        App app;
        try {
            app = apps.apply(stored.appId()).get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // the app store is down: the batch goes back to the front, for this or another worker later
            putBack(text);
            return null;
        }
        if (app == null) {
            LOG.log(System.Logger.Level.WARNING, "dropping " + stored.events().size() + " webhook events of app "
                    + stored.appId() + ", which no longer exists");
            remove(text);
            return null;
        }
        WebhookBatch batch = new WebhookBatch(app, stored.timeMs(), stored.events());
        handedOut.put(batch, text);
        return batch;
    }

    @Override
    public void acknowledge(WebhookBatch batch) {
        String text = handedOut.remove(batch);
        if (text != null) {
            remove(text);
        }
    }

    /** Batches waiting, as last seen by the lease keeper. */
    @Override
    public int waiting() {
        return waiting;
    }

    /** This worker's id, as its keys name it. */
    String worker() {
        return worker;
    }

    private void remove(String text) {
        try {
            redis.lrem(processing, 1, text);
        } catch (RuntimeException e) {
            // stays in the processing list: delivered again after this worker's lease, at least once
            LOG.log(System.Logger.Level.WARNING, "webhook batch delivered but not removed from the queue: " + e.getMessage());
        }
    }

    private void putBack(String text) {
        try {
            if (redis.lrem(processing, 1, text) > 0) {
                redis.rpush(pending, text);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "webhook batch not put back yet: " + e.getMessage());
        }
    }

    private void renewLease() {
        redis.psetex(lease, leases.duration().toMillis(), "1");
        redis.sadd(workers, worker);
    }

    /** Renews this worker's lease and gives the batches of workers whose lease ended back to the queue. */
    private void keepLeases() {
        try {
            renewLease();
            for (String other : redis.smembers(workers)) {
                if (!other.equals(worker) && !redis.exists(keyPrefix + "lease:" + other)) {
                    int moved = requeue(keyPrefix + "processing:" + other);
                    redis.srem(workers, other);
                    if (moved > 0) {
                        LOG.log(System.Logger.Level.INFO, "worker " + other + " stopped renewing its lease; "
                                + moved + " webhook batches it held are queued again");
                    }
                }
            }
            waiting = (int) Math.min(Integer.MAX_VALUE, redis.llen(pending));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "webhook queue lease renewal failed: " + e.getMessage());
        }
    }

    /** Moves a processing list back to the front of the waiting list, oldest first in line. */
    private int requeue(String list) {
        int moved = 0;
        while (redis.lmove(list, pending, ListDirection.LEFT, ListDirection.RIGHT) != null) {
            moved++;
        }
        return moved;
    }

    /** Stops renewing the lease without giving anything back: what a crash looks like to the other nodes. */
    void abandon() {
        leaseKeeper.shutdownNow();
        redis.close();
    }

    /** Gives this worker's unfinished batches back to the queue at once and ends its lease. */
    @Override
    public void close() {
        leaseKeeper.shutdownNow();
        try {
            int moved = requeue(processing);
            redis.del(lease);
            redis.srem(workers, worker);
            if (moved > 0) {
                LOG.log(System.Logger.Level.INFO, moved + " unfinished webhook batches are queued again for other nodes");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "webhook batches of this node are queued again when its lease ends: " + e.getMessage());
        } finally {
            redis.close();
        }
    }
}
