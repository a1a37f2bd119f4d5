package io.sockudo.store.webhook;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-process queue ({@code queue.driver = memory}). Its capacity is counted in events from offer
 * to acknowledgement, so batches stuck behind a slow endpoint keep their room taken and memory stays
 * bounded however long that endpoint is down.
 */
public final class MemoryWebhookQueue implements WebhookQueue {

    private final LinkedBlockingQueue<WebhookBatch> batches = new LinkedBlockingQueue<>();
    private final AtomicInteger heldEvents = new AtomicInteger();
    private final int capacity;

    /** @param capacity events held at most, from offer to acknowledgement */
    public MemoryWebhookQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public boolean offer(WebhookBatch batch) {
        int n = batch.size();
        int held;
        do {
            held = heldEvents.get();
            if (held + n > capacity) {
                return false;
            }
        } while (!heldEvents.compareAndSet(held, held + n));
        batches.add(batch);
        return true;
    }

    @Override
    public WebhookBatch poll(Duration timeout) throws InterruptedException {
        return batches.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void acknowledge(WebhookBatch batch) {
        heldEvents.addAndGet(-batch.size());
    }

    @Override
    public int waiting() {
        return batches.size();
    }

    /** Events offered and not yet acknowledged. */
    public int heldEvents() {
        return heldEvents.get();
    }

    @Override
    public void close() {
        // nothing outlives the process
    }
}
