package io.sockudo.bench.load;

import java.time.Instant;

/**
 * Wall-clock microseconds, read from the monotonic clock against one anchor taken at start-up:
 * as cheap as {@link System#nanoTime()}, never stepping backwards during a run, and comparable
 * with the timestamps another process on this machine puts in its payloads (to within the
 * anchor's own microsecond or so).
 */
final class EpochMicros {

    private static final long ANCHOR_MICROS;
    private static final long ANCHOR_NANOS;

    static {
        Instant now = Instant.now();
        ANCHOR_NANOS = System.nanoTime();
        ANCHOR_MICROS = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private EpochMicros() {
    }

    static long now() {
        return ANCHOR_MICROS + (System.nanoTime() - ANCHOR_NANOS) / 1_000;
    }
}
