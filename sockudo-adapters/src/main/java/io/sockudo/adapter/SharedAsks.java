package io.sockudo.adapter;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * At most one question in flight per key: whoever asks while it is out gets the same answer.
 * Many subscribers of a new node missing the same cache channel at once thus cost the cluster
 * one request, not one each. Once answered, the key is free again, so a later ask is asked anew.
 */
final class SharedAsks<K, V> {

    private final ConcurrentHashMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

    CompletableFuture<V> ask(K key, Function<K, CompletableFuture<V>> question) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> shared = inFlight.putIfAbsent(key, mine);
        if (shared != null) {
            return shared;
        }
        CompletableFuture<V> asked;
        try {
            asked = question.apply(key);
        } catch (RuntimeException e) {
            asked = CompletableFuture.failedFuture(e);
        }
        asked.whenComplete((answer, error) -> {
            // freed before the waiters run, so none of them can find a finished question
            inFlight.remove(key, mine);
            if (error != null) {
                mine.completeExceptionally(error);
            } else {
                mine.complete(answer);
            }
        });
        return mine;
    }

    /** Questions out now. */
    int inFlight() {
        return inFlight.size();
    }
}
