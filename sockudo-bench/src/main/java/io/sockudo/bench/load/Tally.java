package io.sockudo.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connection lifecycle counts, shared by every selector thread and read by the controller while
 * connections are still opening. These change once or twice per connection, never per message,
 * so atomics cost nothing that matters here.
 */
final class Tally {

    /** Why a connection never reached the state it was opened for. */
    enum Failure {
        /** The TCP connect failed (refused, no free port, ...). */
        CONNECT,
        /** The server answered the upgrade with something other than a valid 101. */
        HANDSHAKE,
        /** {@code pusher:error} before the connection was subscribed. */
        PUSHER_ERROR,
        /** {@code pusher:subscription_error}. */
        SUBSCRIBE_REFUSED,
        /** The server closed the socket before it was subscribed. */
        CLOSED,
        /** No answer within the connect timeout. */
        TIMEOUT,
        /** A frame the generator cannot read (too large, masked, ...). */
        PROTOCOL
    }

    final AtomicLong opened = new AtomicLong();
    final AtomicLong established = new AtomicLong();
    final AtomicLong subscribed = new AtomicLong();
    /** Connections we closed ourselves. */
    final AtomicLong closedByUs = new AtomicLong();
    /** Subscribed connections the server closed (or that broke) while we were using them. */
    final AtomicLong lost = new AtomicLong();
    private final AtomicLongArray failures = new AtomicLongArray(Failure.values().length);
    /** What was seen, for the report: "pusher:error 4004", "close 4200", "connect: Connection refused". */
    private final ConcurrentHashMap<String, LongAdder> details = new ConcurrentHashMap<>();

    void fail(Failure f, String detail) {
        failures.incrementAndGet(f.ordinal());
        note(f.name().toLowerCase(java.util.Locale.ROOT) + (detail == null ? "" : ": " + detail));
    }

    long failures() {
        long n = 0;
        for (int i = 0; i < failures.length(); i++) {
            n += failures.get(i);
        }
        return n;
    }

    long failures(Failure f) {
        return failures.get(f.ordinal());
    }

    void note(String what) {
        if (details.size() < 50 || details.containsKey(what)) {
            details.computeIfAbsent(what, k -> new LongAdder()).increment();
        }
    }

    Map<String, Long> details() {
        Map<String, Long> out = new TreeMap<>();
        details.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** "connect=3 timeout=1", or "none". */
    String failureSummary() {
        StringBuilder sb = new StringBuilder();
        for (Failure f : Failure.values()) {
            long n = failures(f);
            if (n > 0) {
                sb.append(sb.length() == 0 ? "" : " ").append(f.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(n);
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
