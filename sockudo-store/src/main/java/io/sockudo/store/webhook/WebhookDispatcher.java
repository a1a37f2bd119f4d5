package io.sockudo.store.webhook;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.hooks.WebhookSink;
import io.sockudo.protocol.WebhookEvent;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers the engine's webhook events to each app's endpoints, Pusher style: batched per app,
 * signed with the app secret, retried with backoff, in order per endpoint.
 *
 * <pre>
 * emit (I/O threads) → batching thread → {@link WebhookQueue} → consumer thread → sender (one scheduler thread + HTTP client)
 * </pre>
 *
 * <p>{@link #emit} only puts the event in a bounded lock-free inbox and returns; when the inbox or
 * the queue is full the event is dropped and counted, never waited for. Memory is bounded by
 * {@link WebhookSettings#queueCapacity()} events in the inbox plus as many in the queue, where a
 * batch keeps its room until every endpoint has accepted or been given up on.
 *
 * <p>Owns three daemon threads; {@link #close()} stops them after sending what is queued.
 */
public final class WebhookDispatcher implements WebhookSink, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());

    /** How long {@link #close()} waits for queued and in-flight deliveries. */
    public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(2);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    /** How long a stop waits for the sender thread to end before naming the endpoints it left waiting. */
    private static final Duration REPORT_WAIT = Duration.ofMillis(200);

    private final WebhookQueue queue;
    private final WebhookCounters counters = new WebhookCounters();
    private final EventBatcher batcher;
    private final WebhookSender sender;
    private final ScheduledThreadPoolExecutor loop;
    private final Thread consumer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean consumerStopping;
    private volatile boolean closedClean;

    /** Delivers through an in-memory queue. */
    public WebhookDispatcher(WebhookSettings settings) {
        this(settings, new MemoryWebhookQueue(settings.queueCapacity()));
    }

    /** Delivers through the given queue, which this dispatcher closes when it is closed. */
    public WebhookDispatcher(WebhookSettings settings, WebhookQueue queue) {
        Objects.requireNonNull(settings, "settings");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.loop = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sockudo-webhook-sender");
            t.setDaemon(true);
            return t;
        });
        loop.setRemoveOnCancelPolicy(true);
        HttpClient http = HttpClient.newBuilder()
                // HTTP/1.1 so plain-http receivers are not sent an h2c upgrade some of them mishandle
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(loop)
                .build();
        this.sender = new WebhookSender(http, loop, settings, counters, queue::acknowledge);
        this.batcher = new EventBatcher(settings.batching(), settings.queueCapacity(), queue::offer, counters);
        this.consumer = new Thread(this::consume, "sockudo-webhook-consumer");
        consumer.setDaemon(true);
        batcher.start();
        consumer.start();
    }

    /** Queues the event and returns at once; drops it (counted) when the queue is full or this is closed. */
    @Override
    public void emit(App app, WebhookEvent event) {
        if (app.webhooks().isEmpty()) {
            return;
        }
        if (closed.get() || !batcher.offer(app, event)) {
            counters.dropped(1);
        }
    }

    /** Webhook batches waiting in the queue for delivery, for metrics. */
    public int queueDepth() {
        return queue.waiting();
    }

    public WebhookCounters counters() {
        return counters;
    }

    /** Sends what is queued, waiting up to {@link #DEFAULT_CLOSE_GRACE}, then stops. */
    @Override
    public void close() {
        shutdown(DEFAULT_CLOSE_GRACE);
    }

    /**
     * Stops taking events, sends every open batch at once, and waits up to {@code grace} for all
     * deliveries to be accepted or given up on; what is still unfinished then is dropped (counted)
     * and logged at WARN: the number of events, and each endpoint with the events it missed.
     *
     * @return true when nothing was left unfinished; a repeated call changes nothing and answers the same
     */
    public boolean shutdown(Duration grace) {
        if (!closed.compareAndSet(false, true)) {
            return closedClean;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        boolean clean = true;
        try {
            if (!batcher.close(deadline - System.nanoTime())) {
                clean = false;
            } else {
                counters.dropped(batcher.discardLeftovers());
            }
            consumerStopping = true;
            consumer.interrupt();
            TimeUnit.NANOSECONDS.timedJoin(consumer, Math.max(1, deadline - System.nanoTime()));
            clean &= !consumer.isAlive() && sender.awaitIdle(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        } finally {
            loop.shutdownNow();
            if (!clean) {
                reportUndelivered();
            }
            queue.close();
            closedClean = clean;
        }
        return clean;
    }

    /**
     * Counts and logs what the grace period was too short for: the total, then each endpoint
     * still waiting, so an operator knows which receivers missed events.
     */
    private void reportUndelivered() {
        long lost = sender.unfinishedEvents();
        counters.dropped(lost);
        LOG.log(System.Logger.Level.WARNING, "shutdown grace period over with {0} webhook events undelivered",
                Long.toString(lost));
        boolean stopped = false;
        try {
            // the sender's state belongs to the loop thread; read it only once that thread is gone
            stopped = loop.awaitTermination(REPORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopped) {
            sender.undeliveredByEndpoint().forEach((endpoint, events) -> LOG.log(System.Logger.Level.WARNING,
                    "webhook for {0}: {1} not delivered at shutdown", endpoint, WebhookSender.events(events)));
        }
    }

    private void consume() {
        while (true) {
            // read before polling: once stopping, the batcher has flushed, so an empty queue means done
            boolean stopping = consumerStopping;
            WebhookBatch batch;
            try {
                batch = queue.poll(stopping ? Duration.ZERO : POLL_INTERVAL);
            } catch (InterruptedException e) {
                continue; // woken to stop; the next round drains without waiting
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "webhook queue failed to hand out a batch", e);
                if (stopping) {
                    return;
                }
                pause();
                continue;
            }
            if (batch != null) {
                sender.submit(batch);
            } else if (stopping) {
                return;
            }
        }
    }

    /** Keeps a broken queue driver from spinning this thread. */
    private void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            // stopping; the loop notices
        }
    }
}
