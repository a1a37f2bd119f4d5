package io.sockudo.store.webhook;

import io.sockudo.adapter.app.App;
import io.sockudo.store.redis.RedisClients;
import io.sockudo.store.redis.RedisSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
import redis.clients.jedis.params.SetParams;

/**
 * A durable queue in Redis or a Redis Cluster ({@code queue.driver} {@code redis},
 * {@code redis-cluster}), shared by every node: a batch accepted here survives the crash of the
 * node that accepted it, and any node's worker may deliver it.
 *
 * <p><b>Order.</b> Each app's batches wait in a list of their own, oldest first, and are delivered
 * by one worker at a time: the first worker to take one of an app's batches owns the app and
 * takes the following ones in order until it has finished every batch it took (the dispatcher
 * keeps each endpoint's deliveries in order within the node, retries and backoff included); then
 * the app is free for any worker. An endpoint belongs to one app, so every endpoint receives its
 * batches in the order they were queued, whichever nodes deliver them. The moves are Lua scripts
 * ({@link RedisQueueScripts}), so two workers never own one app at once.
 *
 * <p><b>Leases.</b> Each worker holds a lease (sockudo's {@code queue.reliability}
 * {@code lease_duration_ms}), renewed every {@code lease_renew_interval_ms} while it lives. When a
 * worker's lease expires (the node crashed or hangs), its unfinished batches go back in front of
 * their apps' waiting ones and its apps are free again: they are delivered again, at least once,
 * and still in order. A node that stops cleanly gives its batches back at once. A worker that
 * hangs past its lease and then wakes may deliver a batch the next owner delivers too; order is
 * only promised to live workers. Every key has the hash tag {@code {webhooks}}, so in a cluster
 * they share a slot and each script stays atomic.
 *
 * <p>Redis is called on the dispatcher's own threads (batching, consumer, sender), never on an I/O
 * thread: {@link #offer} waits at most the Redis timeout.
 */
public final class RedisWebhookQueue implements WebhookQueue {

    private static final System.Logger LOG = System.getLogger(RedisWebhookQueue.class.getName());

    /** sockudo's {@code queue.redis.prefix}. */
    public static final String DEFAULT_PREFIX = "sockudo_queue:";

    /** How often an idle {@link #poll} asks again. */
    private static final long POLL_STEP_MS = 50;

    /** Ready apps one take looks at: apps other workers own are passed over. */
    private static final int APPS_PER_TAKE = 64;

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

    /** A batch handed out: its app and its stored text, as the processing list holds it. */
    private record Taken(String appId, String text) {
    }

    private final UnifiedJedis redis;
    private final Function<String, CompletableFuture<App>> apps;
    private final Duration timeout;
    private final int capacity;
    private final Leases leases;
    private final String keyPrefix;
    /** A key of the queue's slot, for routing the scripts in a cluster. */
    private final List<String> route;
    private final String workers;
    private final String worker = UUID.randomUUID().toString();
    private final String lease;
    /** Each batch handed out and not yet acknowledged, by identity. */
    private final Map<WebhookBatch, Taken> handedOut = Collections.synchronizedMap(new IdentityHashMap<>());
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
        this.route = List.of(keyPrefix + "ready");
        this.workers = keyPrefix + "workers";
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
            Object added = script(RedisQueueScripts.OFFER, batch.app().id(), WebhookBatchCodec.encode(batch), String.valueOf(capacity));
            return added instanceof Number n && n.longValue() == 1;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "webhook batch for app " + batch.app().id() + " not queued: " + e.getMessage());
            return false;
        }
    }

    /**
     * The oldest waiting batch of an app no other live worker is delivering, waiting up to
     * {@code wait} for one; this worker then owns the app until it has acknowledged it.
     */
    @Override
    public WebhookBatch poll(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Taken taken;
            try {
                taken = take();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "webhook queue poll failed: " + e.getMessage());
                Thread.sleep(Math.max(1, Math.min(POLL_STEP_MS, wait.toMillis())));
                return null;
            }
            if (taken != null) {
                return open(taken);
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return null;
            }
            Thread.sleep(Math.min(POLL_STEP_MS, left));
        }
    }

    private Taken take() {
        Object reply = script(RedisQueueScripts.TAKE, worker, String.valueOf(APPS_PER_TAKE));
        if (!(reply instanceof List<?> pair) || pair.size() != 2) {
            return null;
        }
        return new Taken(text(pair.get(0)), text(pair.get(1)));
    }

    /** The batch with its app looked up again; null when it is dropped or put back. */
    private WebhookBatch open(Taken taken) {
        WebhookBatchCodec.Stored stored;
        try {
            stored = WebhookBatchCodec.decode(taken.text());
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "dropping a webhook batch that cannot be read: " + e.getMessage());
            finish(taken, false);
            return null;
        }
        App app;
        try {
            app = apps.apply(stored.appId()).get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // the app store is down: the batch goes back in front, for this or another worker later
            finish(taken, true);
            return null;
        }
        if (app == null) {
            LOG.log(System.Logger.Level.WARNING, "dropping " + stored.events().size() + " webhook events of app "
                    + stored.appId() + ", which no longer exists");
            finish(taken, false);
            return null;
        }
        WebhookBatch batch = new WebhookBatch(app, stored.timeMs(), stored.events());
        handedOut.put(batch, taken);
        return batch;
    }

    @Override
    public void acknowledge(WebhookBatch batch) {
        Taken taken = handedOut.remove(batch);
        if (taken != null) {
            finish(taken, false);
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

    /** Removes a batch from this worker's hands, or puts it back in front; gives its app up when none of it is left in hand. */
    private void finish(Taken taken, boolean putBack) {
        try {
            script(RedisQueueScripts.FINISH, worker, taken.appId(), taken.text(), putBack ? "1" : "0");
        } catch (RuntimeException e) {
            // stays in the processing list: delivered again after this worker's lease, at least once
            LOG.log(System.Logger.Level.WARNING, "webhook batch of app " + taken.appId()
                    + (putBack ? " not put back" : " delivered but not removed from the queue") + ": " + e.getMessage());
        }
    }

    private void renewLease() {
        redis.set(lease, "1", SetParams.setParams().px(leases.duration().toMillis()));
        redis.sadd(workers, worker);
    }

    /** Renews this worker's lease and gives the batches of workers whose lease ended back to the queue. */
    private void keepLeases() {
        try {
            renewLease();
            for (String other : redis.smembers(workers)) {
                if (!other.equals(worker)) {
                    long moved = release(other);
                    if (moved > 0) {
                        LOG.log(System.Logger.Level.INFO, "worker " + other + " stopped renewing its lease; "
                                + moved + " webhook batches it held are queued again");
                    }
                }
            }
            String count = redis.get(keyPrefix + "count");
            waiting = count == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Long.parseLong(count));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "webhook queue lease renewal failed: " + e.getMessage());
        }
    }

    /** Gives a worker's batches back to the queue if its lease has ended; how many, or -1 while it lasts. */
    private long release(String someWorker) {
        Object moved = script(RedisQueueScripts.RELEASE_WORKER, someWorker);
        return moved instanceof Number n ? n.longValue() : 0;
    }

    private Object script(String script, String... args) {
        List<String> argv = new ArrayList<>(args.length + 1);
        argv.add(keyPrefix);
        argv.addAll(List.of(args));
        return redis.eval(script, route, argv);
    }

    private static String text(Object reply) {
        return reply instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(reply);
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
            redis.del(lease);
            long moved = release(worker);
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
