package io.sockudo.store.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The memory rate limiter ({@code rate_limiter.driver = memory}): a key may make {@code maxRequests}
 * requests in a window that starts with its first request; the count starts again when the window
 * ends. Counts live in this process only.
 *
 * <p>A key's window is an immutable value replaced atomically, so concurrent requests for one key
 * are counted exactly and requests for different keys do not contend. Windows that have ended are
 * swept once per window length, so keys seen once do not accumulate.
 */
public final class FixedWindowRateLimiter implements RateLimiter {

    private record Window(long startNanos, int count) {
    }

    private final int maxRequests;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong nextSweepNanos;

    public FixedWindowRateLimiter(RateLimitSettings settings) {
        this(settings.maxRequests(), settings.window());
    }

    public FixedWindowRateLimiter(int maxRequests, Duration window) {
        this(maxRequests, window, System::nanoTime);
    }

    FixedWindowRateLimiter(int maxRequests, Duration window, LongSupplier nanoTime) {
        if (maxRequests < 1) {
            throw new IllegalArgumentException("maxRequests must be at least 1, was " + maxRequests);
        }
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        this.maxRequests = maxRequests;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
        this.nextSweepNanos = new AtomicLong(nanoTime.getAsLong() + windowNanos);
    }

    @Override
    public Decision tryAcquire(String key) {
        long now = nanoTime.getAsLong();
        sweepIfDue(now);
        Window w = windows.compute(key, (k, old) -> {
            if (old == null || now - old.startNanos() >= windowNanos) {
                return new Window(now, 1);
            }
            // stop counting one past the limit: the verdict is the same and the count cannot overflow
            return old.count() > maxRequests ? old : new Window(old.startNanos(), old.count() + 1);
        });
        long left = w.startNanos() + windowNanos - now;
        long resetSeconds = Math.max(1, (left + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
        return new Decision(w.count() <= maxRequests, maxRequests, Math.max(0, maxRequests - w.count()), resetSeconds);
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
        windows.values().removeIf(w -> now - w.startNanos() >= windowNanos);
    }
}
