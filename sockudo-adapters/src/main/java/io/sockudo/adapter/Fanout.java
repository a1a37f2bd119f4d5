package io.sockudo.adapter;

import io.sockudo.adapter.broadcast.Publication;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The progress of one timed publication over the shards that have its subscribers, for
 * sockudo's {@code broadcast_latency_ms}: from the event's arrival to the last socket write of
 * the fan-out on this node. Each shard reports once its writes are done; the last one observes
 * the latency under the channel's type and the number of sockets written to. One per timed
 * publication, nothing per recipient.
 */
final class Fanout {

    /** Shards still writing, plus one held by the publisher until every shard is posted. */
    private final AtomicInteger pending = new AtomicInteger(1);
    private final AtomicInteger recipients = new AtomicInteger();
    private final long publishedNanos;
    private final int channelType;
    private final BroadcastLatency latency;
    private final EngineClock clock;

    Fanout(Publication p, BroadcastLatency latency, EngineClock clock) {
        this.publishedNanos = p.publishedNanos();
        this.channelType = AppStats.channelType(p.channel());
        this.latency = latency;
        this.clock = clock;
    }

    void shardPosted() {
        pending.incrementAndGet();
    }

    /** A shard wrote the message to {@code written} sockets (the publisher reports 0 when done posting). */
    void shardDone(int written) {
        if (written > 0) {
            recipients.addAndGet(written);
        }
        if (pending.decrementAndGet() == 0) {
            int n = recipients.get();
            if (n > 0) { // as sockudo: a broadcast that reached nobody is not a latency sample
                latency.observe(channelType, n, (clock.nanoTime() - publishedNanos) / 1_000_000.0);
            }
        }
    }
}
