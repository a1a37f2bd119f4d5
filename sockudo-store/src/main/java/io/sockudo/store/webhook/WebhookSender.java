package io.sockudo.store.webhook;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.Webhook;
import io.sockudo.protocol.WebhookEvent;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sends batches to endpoints: one request per endpoint that wants some of a batch's events, at
 * most {@code maxConcurrent} at a time, retried with backoff.
 *
 * <p><b>Order.</b> Deliveries to one endpoint (an app and a URL) go one at a time: the next waits
 * until the current one is accepted or given up on, retries included. A receiver therefore sees
 * an app's events in the order the engine produced them, and an endpoint that is down holds back
 * only its own deliveries, never other endpoints'. The price is throughput to a single endpoint,
 * which batching makes up for.
 *
 * <p><b>Threads.</b> All state lives on one scheduler thread ({@code loop}): batches arrive there,
 * HTTP completions are brought back there, and retry delays are timers on it, so nothing here is
 * locked. The HTTP client runs on the same thread; it is asynchronous and only hands back
 * completions.
 */
final class WebhookSender {

    private static final System.Logger LOG = System.getLogger(WebhookSender.class.getName());

    /** A batch's fan-out: it is acknowledged when its last delivery finishes. */
    private static final class Ticket {
        final WebhookBatch batch;
        int pending;

        Ticket(WebhookBatch batch) {
            this.batch = batch;
        }
    }

    /** One request body for one endpoint, with its attempts so far. */
    private static final class Delivery {
        final String endpoint;
        final String appId;
        final String url;
        final HttpRequest request;
        final int events;
        final Ticket ticket;
        int attempts;
        long firstAttemptNanos;

        Delivery(String endpoint, String appId, String url, HttpRequest request, int events, Ticket ticket) {
            this.endpoint = endpoint;
            this.appId = appId;
            this.url = url;
            this.request = request;
            this.events = events;
            this.ticket = ticket;
        }
    }

    /** Deliveries to one endpoint: the one being attempted, then the rest in order. */
    private static final class Lane {
        final ArrayDeque<Delivery> queued = new ArrayDeque<>();
    }

    private final HttpClient http;
    private final ScheduledExecutorService loop;
    private final WebhookSettings settings;
    private final RetrySchedule retries;
    private final WebhookCounters counters;
    private final Consumer<WebhookBatch> acknowledge;
    private final long guardMillis;

    // on the loop thread only
    private final Map<String, Lane> lanes = new HashMap<>();
    private final ArrayDeque<Delivery> awaitingSlot = new ArrayDeque<>();
    private int inFlight;

    // read by the closing thread
    private final AtomicInteger unfinishedBatches = new AtomicInteger();
    private final AtomicLong unfinishedEvents = new AtomicLong();

    WebhookSender(HttpClient http, ScheduledExecutorService loop, WebhookSettings settings, WebhookCounters counters,
                  Consumer<WebhookBatch> acknowledge) {
        this.http = http;
        this.loop = loop;
        this.settings = settings;
        this.retries = new RetrySchedule(settings.retry());
        this.counters = counters;
        this.acknowledge = acknowledge;
        // the client's own timeout ends at the response headers; this also bounds a body that never ends
        this.guardMillis = settings.requestTimeout().toMillis() * 2;
    }

    /** Hands a batch over for delivery; callable from any thread. */
    void submit(WebhookBatch batch) {
        unfinishedBatches.incrementAndGet();
        unfinishedEvents.addAndGet(batch.size());
        try {
            loop.execute(() -> dispatch(batch));
        } catch (RejectedExecutionException e) {
            // stopped: the closing thread counts what is unfinished as dropped
        }
    }

    /** Waits until every submitted batch is finished, or the deadline passes; true when all are. */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        while (unfinishedBatches.get() > 0) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Events of batches not finished yet. */
    long unfinishedEvents() {
        return unfinishedEvents.get();
    }

    /**
     * Events still waiting for each endpoint ("app {id} to {url}"), in flight or queued behind it.
     * Reads the loop thread's state, so only for after that thread has terminated.
     */
    Map<String, Long> undeliveredByEndpoint() {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (Lane lane : lanes.values()) {
            for (Delivery d : lane.queued) {
                out.merge("app " + d.appId + " to " + d.url, (long) d.events, Long::sum);
            }
        }
        return out;
    }

    static String events(long n) {
        return n == 1 ? "1 event" : n + " events";
    }

    private void dispatch(WebhookBatch batch) {
        App app = batch.app();
        Ticket ticket = new Ticket(batch);
        ticket.pending = 1; // held while fanning out, so an early finish cannot acknowledge twice
        for (Webhook webhook : app.webhooks()) {
            List<WebhookEvent> wanted = WebhookRequest.wanted(webhook, batch.events());
            if (wanted.isEmpty()) {
                continue;
            }
            HttpRequest request;
            try {
                request = WebhookRequest.of(app, webhook, batch.timeMs(), wanted, settings.requestTimeout());
            } catch (IllegalArgumentException e) {
                counters.failed(1);
                LOG.log(System.Logger.Level.WARNING, "webhook for app {0} to {1} not sent: {2}",
                        app.id(), webhook.url(), e.getMessage());
                continue;
            }
            ticket.pending++;
            enqueue(new Delivery(app.id() + '\n' + webhook.url(), app.id(), webhook.url(), request, wanted.size(), ticket));
        }
        release(ticket);
    }

    private void enqueue(Delivery d) {
        Lane lane = lanes.get(d.endpoint);
        if (lane != null) {
            lane.queued.add(d);
            return;
        }
        lane = new Lane();
        lane.queued.add(d);
        lanes.put(d.endpoint, lane);
        requestSlot(d);
    }

    private void requestSlot(Delivery d) {
        if (inFlight < settings.maxConcurrent()) {
            send(d);
        } else {
            awaitingSlot.add(d);
        }
    }

    private void send(Delivery d) {
        inFlight++;
        d.attempts++;
        if (d.attempts == 1) {
            d.firstAttemptNanos = System.nanoTime();
        }
        CompletableFuture<HttpResponse<Void>> response;
        try {
            response = http.sendAsync(d.request, HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<HttpResponse<Void>> inProgress = response;
        ScheduledFuture<?> guard = loop.schedule(() -> inProgress.cancel(true), guardMillis, TimeUnit.MILLISECONDS);
        response.whenCompleteAsync((r, error) -> {
            guard.cancel(false);
            attempted(d, r, error);
        }, loop);
    }

    private void attempted(Delivery d, HttpResponse<Void> response, Throwable error) {
        inFlight--;
        Delivery next = awaitingSlot.poll();
        if (next != null) {
            send(next);
        }
        if (error == null && RetrySchedule.isSuccess(response.statusCode())) {
            counters.sent(1);
            finish(d);
            return;
        }
        String what = error != null ? describe(error) : "status " + response.statusCode();
        if (error == null && !RetrySchedule.isRetryable(response.statusCode())) {
            counters.failed(1);
            LOG.log(System.Logger.Level.WARNING, "webhook for app {0} to {1} refused with {2}; {3} not delivered, not retried",
                    d.appId, d.url, what, events(d.events));
            finish(d);
            return;
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - d.firstAttemptNanos);
        long retryAfter = response == null ? -1
                : RetrySchedule.retryAfterMillis(response.headers().firstValue("Retry-After").orElse(null));
        long delay = retries.delayMillis(d.attempts, elapsedMillis, retryAfter);
        if (delay == RetrySchedule.GIVE_UP) {
            counters.failed(1);
            LOG.log(System.Logger.Level.WARNING, "webhook for app {0} to {1} given up after {2} attempts in {3} ms; "
                            + "{4} not delivered; last failure: {5}",
                    d.appId, d.url, Integer.toString(d.attempts), Long.toString(elapsedMillis), events(d.events), what);
            finish(d);
            return;
        }
        counters.retried(1);
        LOG.log(System.Logger.Level.DEBUG, "webhook for app {0} to {1} failed ({2}); attempt {3} in {4} ms",
                d.appId, d.url, what, Integer.toString(d.attempts + 1), Long.toString(delay));
        loop.schedule(() -> requestSlot(d), delay, TimeUnit.MILLISECONDS);
    }

    /** The delivery is done with, for better or worse: its endpoint moves on to the next one. */
    private void finish(Delivery d) {
        Lane lane = lanes.get(d.endpoint);
        lane.queued.poll();
        Delivery next = lane.queued.peek();
        if (next == null) {
            lanes.remove(d.endpoint);
        } else {
            requestSlot(next);
        }
        release(d.ticket);
    }

    private void release(Ticket ticket) {
        if (--ticket.pending > 0) {
            return;
        }
        try {
            acknowledge.accept(ticket.batch);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "webhook queue failed to acknowledge a batch", e);
        }
        unfinishedEvents.addAndGet(-ticket.batch.size());
        unfinishedBatches.decrementAndGet();
    }

    private static String describe(Throwable error) {
        Throwable e = error;
        while (e.getCause() != null && (e instanceof java.util.concurrent.CompletionException
                || e instanceof java.util.concurrent.ExecutionException)) {
            e = e.getCause();
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }
}
