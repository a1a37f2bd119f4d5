package io.sockudo.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shows that nothing else arrived, without a fixed sleep: once the step under test has been
 * handled, the test causes one more thing it knows will reach the receiver by the same path
 * (the sentinel), then reads everything up to it. The path matters: deliveries to a connection
 * keep their order, but a pong, written at once, may overtake a delivery still queued for the
 * connection's thread; so the sentinel is an event published to a channel the receiver is on,
 * or a webhook that the same timer sends after the one that must not come.
 */
public final class Sentinel {

    /** The name of the event tests publish as a sentinel. */
    public static final String EVENT = "test-sentinel";

    /** A receiver's queue: the next item, or null when none arrives within the time. */
    @FunctionalInterface
    public interface Source<T> {
        T poll(long millis) throws InterruptedException;
    }

    private Sentinel() {
    }

    /** Whether a frame is the event {@link #EVENT}. */
    public static boolean isSentinel(String frame) {
        return isEvent(EVENT).test(frame);
    }

    /** Matches the frames of the given event. */
    public static Predicate<String> isEvent(String event) {
        String member = "\"event\":" + JsonTree.quote(event);
        return frame -> frame != null && frame.contains(member);
    }

    /** Everything before the first {@link #EVENT} frame; see {@link #before(Source, Predicate)}. */
    public static List<String> framesBefore(Source<String> source) {
        return before(source, Sentinel::isSentinel);
    }

    /**
     * Takes items until the sentinel and returns those before it; fails when the sentinel does
     * not come within {@link Poll#PATIENCE}.
     */
    public static <T> List<T> before(Source<T> source, Predicate<? super T> isSentinel) {
        return before(source, isSentinel, Poll.PATIENCE);
    }

    public static <T> List<T> before(Source<T> source, Predicate<? super T> isSentinel, Duration within) {
        List<T> before = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            T item;
            try {
                item = left > 0 ? source.poll(left) : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the sentinel", e);
            }
            if (item == null) {
                throw new AssertionError("the sentinel did not arrive within " + within.toMillis() + " ms; before it: " + before);
            }
            if (isSentinel.test(item)) {
                return before;
            }
            before.add(item);
        }
    }
}
