package io.sockudo.adapter.testing;

import io.sockudo.adapter.connection.Shard;
import java.time.Duration;
import java.util.Optional;

/** The shards of one test engine, driven together by the test thread in virtual time. */
public final class ManualShards {

    private final ManualClock clock;
    private final ManualShard[] shards;

    public ManualShards(int count, ManualClock clock) {
        this.clock = clock;
        this.shards = new ManualShard[count];
        for (int i = 0; i < count; i++) {
            shards[i] = new ManualShard(i, clock);
        }
    }

    public ManualShard get(int i) {
        return shards[i];
    }

    public Shard[] array() {
        return shards.clone();
    }

    /** Runs posted tasks on every shard until all queues are empty. */
    public void drain() {
        boolean ran = true;
        while (ran) {
            ran = false;
            for (ManualShard s : shards) {
                ran |= s.runPending() > 0;
            }
        }
    }

    /**
     * Moves time forward, running each scheduled task at its due time (and whatever it posts)
     * in due order, as the shards' threads would over that span.
     */
    public void advance(Duration d) {
        long target = clock.getAsLong() + d.toNanos();
        drain();
        while (true) {
            long earliest = Long.MAX_VALUE;
            ManualShard first = null;
            for (ManualShard s : shards) {
                Optional<Long> due = s.nextDue();
                if (due.isPresent() && due.get() < earliest) {
                    earliest = due.get();
                    first = s;
                }
            }
            if (first == null || earliest > target) {
                break;
            }
            if (earliest > clock.getAsLong()) {
                clock.set(earliest);
            }
            first.runOneDue();
            drain();
        }
        clock.set(target);
    }
}
