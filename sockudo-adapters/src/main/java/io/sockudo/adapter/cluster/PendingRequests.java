package io.sockudo.adapter.cluster;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** Requests waiting for their answers. Used by the backbone's event thread only. */
final class PendingRequests {

    private final Map<String, Pending> byId = new HashMap<>();

    void open(String requestId, Set<String> expected, CompletableFuture<Aggregate> result) {
        byId.put(requestId, new Pending(expected, result));
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
        p.answers.putIfAbsent(nodeId, answer);
        if (p.answers.keySet().containsAll(p.expected)) {
            byId.remove(requestId);
            if (p.timeout != null) {
                p.timeout.cancel(false);
            }
            p.result.complete(new Aggregate(p.expected, p.answers, true));
        }
    }

    /** Completes the request with what arrived, marked incomplete. */
    void expire(String requestId) {
        Pending p = byId.remove(requestId);
        if (p != null) {
            p.result.complete(new Aggregate(p.expected, p.answers, false));
        }
    }

    void expireAll() {
        for (String id : Set.copyOf(byId.keySet())) {
            expire(id);
        }
    }

    private static final class Pending {
        final Set<String> expected;
        final Map<String, Answer> answers = new LinkedHashMap<>();
        final CompletableFuture<Aggregate> result;
        Future<?> timeout;

        Pending(Set<String> expected, CompletableFuture<Aggregate> result) {
            this.expected = expected;
            this.result = result;
        }
    }
}
