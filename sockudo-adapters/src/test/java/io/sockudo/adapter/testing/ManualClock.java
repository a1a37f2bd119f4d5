package io.sockudo.adapter.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import io.sockudo.adapter.EngineClock;

/** A nanosecond clock that only moves when a test moves it. */
public final class ManualClock implements EngineClock {

    private final AtomicLong nanos;

    /** Starts far from zero, on a whole second: the engine reads 0 as "never". */
    public ManualClock() {
        this(1_000_000_000_000L);
    }

    public ManualClock(long startNanos) {
        nanos = new AtomicLong(startNanos);
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    public void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    void set(long n) {
        nanos.set(n);
    }
}
