package io.sockudo.adapter.cluster;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Requests waiting for their answers, and what became of them for the app's {@link RequestStats}.
 * Used by the backbone's event thread only.
 */
final class PendingRequests {

    private final Map<String, Pending> byId = new HashMap<>();
    private final Function<String, RequestStats> stats;

    PendingRequests(Function<String, RequestStats> stats) {
        this.stats = stats;
    }

    void open(String requestId, String appId, Set<String> expected, CompletableFuture<Aggregate> result) {
        byId.put(requestId, new Pending(stats.apply(appId), expected, result, System.nanoTime()));
    }

    void timeoutWith(String requestId, Future<?> timeout) {
        Pending p = byId.get(requestId);
        if (p != null) {
            p.timeout = timeout;
        }
    }

    /** Adds an answer; completes the request when every expected peer has answered. */
    void answer(String requestId, String nodeId, Answer answer) {
        Pending p = byId.get(requestId);
        if (p == null) {
            return; // not ours, or already timed out
        }
        p.stats.responseReceived();
        p.answers.putIfAbsent(nodeId, answer);
        if (p.answers.keySet().containsAll(p.expected)) {
            byId.remove(requestId);
            if (p.timeout != null) {
                p.timeout.cancel(false);
            }
            p.stats.ended(true, System.nanoTime() - p.startNanos);
            p.result.complete(new Aggregate(p.expected, p.answers, true));
        }
    }

    /** Completes the request with what arrived, marked incomplete. */
    void expire(String requestId) {
        Pending p = byId.remove(requestId);
        if (p != null) {
            p.stats.ended(false, System.nanoTime() - p.startNanos);
            p.result.complete(new Aggregate(p.expected, p.answers, false));
        }
    }

    void expireAll() {
        for (String id : Set.copyOf(byId.keySet())) {
            expire(id);
        }
    }

    private static final class Pending {
        final RequestStats stats;
        final Set<String> expected;
        final Map<String, Answer> answers = new LinkedHashMap<>();
        final CompletableFuture<Aggregate> result;
        final long startNanos;
        Future<?> timeout;

        Pending(RequestStats stats, Set<String> expected, CompletableFuture<Aggregate> result, long startNanos) {
            this.stats = stats;
            this.expected = expected;
            this.result = result;
            this.startNanos = startNanos;
        }
    }
}
