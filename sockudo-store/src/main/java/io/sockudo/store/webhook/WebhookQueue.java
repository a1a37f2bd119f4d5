package io.sockudo.store.webhook;

import java.time.Duration;

/**
 * Where batches wait between the engine and the endpoints ({@code queue.driver}). The memory queue
 * lives and dies with the process; a durable driver (Redis, SQS) keeps batches across restarts and
 * shares them between nodes.
 *
 * <p>A batch is {@linkplain #offer offered} by the batching stage, {@linkplain #poll polled} by the
 * delivery stage and {@linkplain #acknowledge acknowledged} once every endpoint has either accepted it
 * or been given up on; until then it counts against the queue's capacity. A driver that stores
 * batches outside the process keeps the app id and looks the app up again when it hands the batch
 * back.
 */
public interface WebhookQueue extends AutoCloseable {

    /** Stores a batch; false when the queue is full. Never blocks. */
    boolean offer(WebhookBatch batch);

    /** The oldest waiting batch, waiting up to {@code timeout} for one; null when none came. */
    WebhookBatch poll(Duration timeout) throws InterruptedException;

    /** The batch is finished with and its room can be reused. Never blocks. */
    void acknowledge(WebhookBatch batch);

    /** Batches offered and not yet polled. */
    int waiting();

    @Override
    void close();
}
