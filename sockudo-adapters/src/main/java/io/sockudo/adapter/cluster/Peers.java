package io.sockudo.adapter.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** When each live peer was last heard from. Used by the backbone's event thread only. */
final class Peers {

    private final Map<String, Long> lastSeen = new HashMap<>();

    /** Records that {@code nodeId} was heard from; true when it was not known alive. */
    boolean heard(String nodeId, long nowMs) {
        return lastSeen.put(nodeId, nowMs) == null;
    }

    /** Forgets {@code nodeId}; true when it was known alive. */
    boolean remove(String nodeId) {
        return lastSeen.remove(nodeId) != null;
    }

    /** Forgets and returns the peers silent for longer than {@code timeoutMs}. */
    List<String> expire(long nowMs, long timeoutMs) {
        List<String> dead = new ArrayList<>();
        lastSeen.entrySet().removeIf(e -> {
            boolean silent = nowMs - e.getValue() > timeoutMs;
            if (silent) {
                dead.add(e.getKey());
            }
            return silent;
        });
        return dead;
    }

    /**
     * Counts every peer as heard from now: after this node's own outage, its peers' silence
     * says nothing about them.
     */
    void forgive(long nowMs) {
        lastSeen.replaceAll((node, seen) -> nowMs);
    }

    Set<String> snapshot() {
        return Set.copyOf(lastSeen.keySet());
    }
}
