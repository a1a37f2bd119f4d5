package io.sockudo.bench.stores;

import io.sockudo.store.webhook.WebhookBatch;
import io.sockudo.store.webhook.WebhookQueue;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A queue driver with a tally around it: the events it accepted and when the last offer returned,
 * so that the enqueue rate is measured where batches enter the queue, not where events enter
 * the dispatcher's in-memory inbox in front of it.
 */
final class CountingQueue implements WebhookQueue {

    private final WebhookQueue queue;
    private final LongAdder offeredEvents = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final AtomicLong lastOfferNanos = new AtomicLong();

    CountingQueue(WebhookQueue queue) {
        this.queue = queue;
    }

    @Override
    public boolean offer(WebhookBatch batch) {
        boolean ok = queue.offer(batch);
        if (ok) {
            offeredEvents.add(batch.size());
        } else {
            refused.increment();
        }
        lastOfferNanos.accumulateAndGet(System.nanoTime(), Math::max);
        return ok;
    }

    @Override
    public WebhookBatch poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout);
    }

    @Override
    public void acknowledge(WebhookBatch batch) {
        queue.acknowledge(batch);
    }

    @Override
    public int waiting() {
        return queue.waiting();
    }

    long offeredEvents() {
        return offeredEvents.sum();
    }

    long refused() {
        return refused.sum();
    }

    long lastOfferNanos() {
        return lastOfferNanos.get();
    }

    @Override
    public void close() {
        queue.close();
    }
}
