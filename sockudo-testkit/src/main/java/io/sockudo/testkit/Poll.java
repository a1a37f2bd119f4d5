package io.sockudo.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for something the server does on its own time (a dropped connection noticed, a count
 * updated, a webhook sent) by looking again every few milliseconds until it holds or the
 * patience runs out. Only for what must eventually happen: that something does not happen is
 * shown with a {@link Sentinel}, never by waiting.
 */
public final class Poll {

    /** How long a test waits for what should take milliseconds, on a busy build machine. */
    public static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final long STEP_MILLIS = 10;

    private Poll() {
    }

    /** Waits until the condition holds; fails naming {@code what} after {@link #PATIENCE}. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, PATIENCE, condition);
    }

    public static void until(String what, Duration within, BooleanSupplier condition) {
        until(what, within, () -> condition.getAsBoolean(), Boolean.TRUE::equals);
    }

    /**
     * Reads the value until it is accepted and returns it; fails with the last value read after
     * the time.
     */
    public static <T> T until(String what, Duration within, Supplier<T> value, Predicate<? super T> accepted) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            T v = value.get();
            if (accepted.test(v)) {
                return v;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what + "; last seen: " + v);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(STEP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
