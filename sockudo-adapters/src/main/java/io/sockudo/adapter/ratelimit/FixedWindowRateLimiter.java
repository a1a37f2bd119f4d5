package io.sockudo.adapter.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A fixed window per key that starts with the key's first request; the count starts again when
 * the window ends. Counts live in this process only.
 *
 * <p>A key's window is an immutable value swapped by compare-and-set, so concurrent requests for
 * one key are counted exactly, requests for different keys do not contend, and no caller ever
 * waits on a lock (I/O threads use this for client events). Windows that have ended are swept once
 * per window length, so keys seen once do not accumulate.
 *
 * @param <K> what is counted
 */
public final class FixedWindowRateLimiter<K> implements RateLimiter<K> {

    private record Window(long startNanos, int count) {
    }

    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<K, AtomicReference<Window>> windows = new ConcurrentHashMap<>();
    private final AtomicLong nextSweepNanos;

    /**
     * @param window    the window length
     * @param nanoClock a monotonic clock in nanoseconds (the engine's clock)
     */
    public FixedWindowRateLimiter(Duration window, LongSupplier nanoClock) {
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
        this.nextSweepNanos = new AtomicLong(nanoClock.getAsLong() + windowNanos);
    }

    /** A limiter of so many per second, the unit of every per-app and per-socket limit. */
    public static <K> FixedWindowRateLimiter<K> perSecond(LongSupplier nanoClock) {
        return new FixedWindowRateLimiter<>(Duration.ofSeconds(1), nanoClock);
    }

    @Override
    public Decision tryAcquire(K key, int permits, int limit) {
        if (limit <= 0) {
            return Decision.UNLIMITED;
        }
        long now = nanoClock.getAsLong();
        sweepIfDue(now);
        AtomicReference<Window> ref = windows.get(key);
        if (ref == null) {
            ref = windows.computeIfAbsent(key, k -> new AtomicReference<>());
        }
        while (true) {
            Window old = ref.get();
            boolean fresh = old == null || now - old.startNanos() >= windowNanos;
            long start = fresh ? now : old.startNanos();
            int used = fresh ? 0 : old.count();
            boolean allowed = (long) used + permits <= limit;
            Window next = allowed ? new Window(start, used + permits) : fresh ? new Window(start, 0) : old;
            if (next == old || ref.compareAndSet(old, next)) {
                return decision(allowed, limit, next, now);
            }
        }
    }

    private Decision decision(boolean allowed, int limit, Window w, long now) {
        long left = w.startNanos() + windowNanos - now;
        long second = TimeUnit.SECONDS.toNanos(1);
        long resetSeconds = Math.max(1, (left + second - 1) / second);
        return new Decision(allowed, limit, Math.max(0, limit - w.count()), resetSeconds);
    }

    @Override
    public void forget(K key) {
        windows.remove(key);
    }

    /** Keys with a window still running. */
    int trackedKeys() {
        return windows.size();
    }

    private void sweepIfDue(long now) {
        long due = nextSweepNanos.get();
        if (now - due < 0 || !nextSweepNanos.compareAndSet(due, now + windowNanos)) {
            return;
        }
        windows.values().removeIf(r -> {
            Window w = r.get();
            return w == null || now - w.startNanos() >= windowNanos;
        });
    }
}
