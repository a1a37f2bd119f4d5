package io.sockudo.transport.http;

import io.undertow.server.HttpHandler;
import java.util.function.Supplier;

/**
 * {@code http_api.accept_traffic.memory_threshold}: while the machine's memory in use (as
 * {@code /usage} reports it) is above this fraction, signed HTTP API requests are refused with
 * 503 and {@code Retry-After}, before their body is read, so a node short of memory sheds
 * publishing load instead of failing. Memory is sampled at most once a second (a read of
 * {@code /proc/meminfo}, which never touches a disk).
 */
public final class TrafficGate {

    /** Accepts everything. */
    public static final TrafficGate OPEN = new TrafficGate(1.0, () -> new SystemMemory(1, 0));

    private static final long SAMPLE_NANOS = 1_000_000_000L;

    private final double threshold;
    private final Supplier<SystemMemory> memory;
    private volatile long sampledAt = System.nanoTime() - SAMPLE_NANOS;
    private volatile boolean accepting = true;

    /** @param threshold the fraction of memory in use (0 exclusive to 1 inclusive) above which requests are refused */
    public static TrafficGate memoryThreshold(double threshold) {
        return new TrafficGate(threshold, SystemMemory::read);
    }

    TrafficGate(double threshold, Supplier<SystemMemory> memory) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("memory threshold must be in (0, 1]: " + threshold);
        }
        this.threshold = threshold;
        this.memory = memory;
    }

    public double threshold() {
        return threshold;
    }

    /** Whether requests are accepted now. */
    public boolean accepting() {
        if (threshold >= 1) {
            return true;
        }
        long now = System.nanoTime();
        if (now - sampledAt >= SAMPLE_NANOS) {
            sampledAt = now; // one thread samples; the others use the last answer meanwhile
            accepting = memory.get().percent() <= threshold * 100;
        }
        return accepting;
    }

    HttpHandler guard(HttpHandler next) {
        if (threshold >= 1) {
            return next;
        }
        return exchange -> {
            if (accepting()) {
                next.handleRequest(exchange);
            } else {
                exchange.setPersistent(false); // a body may be on its way; it is not read
                Responses.error(exchange, 503, "service_unavailable",
                        "Memory use is above http_api.accept_traffic.memory_threshold; try another node");
            }
        };
    }
}
