package io.sockudo.adapter;

import io.sockudo.adapter.cluster.NodeCount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The counts the other nodes of the cluster announced ({@link NodeCount}): each node's latest
 * value per key, and their sum, which any thread reads without waiting for anyone. Empty on a
 * single node. Written from the backbone's thread only; after each change the listener hears
 * which key changed, so the engine can re-evaluate what depends on it.
 */
final class RemoteCounts {

    private static final Consumer<NodeCount.Key> NOBODY = k -> { };

    private final ConcurrentHashMap<String, Map<NodeCount.Key, Long>> byNode = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<NodeCount.Key, Long> totals = new ConcurrentHashMap<>();
    private volatile Consumer<NodeCount.Key> listener = NOBODY;

    /** Who hears of changes (the connection handler); set once, before the backbone starts. */
    void listener(Consumer<NodeCount.Key> l) {
        this.listener = l;
    }

    /** The sum of the other nodes' last announced values; 0 when none announced one. */
    long total(NodeCount.Key key) {
        Long n = totals.get(key);
        return n == null ? 0 : n;
    }

    /** A node announced a value. */
    void set(String nodeId, NodeCount update) {
        NodeCount.Key key = update.key();
        Map<NodeCount.Key, Long> mine = byNode.computeIfAbsent(nodeId, n -> new ConcurrentHashMap<>());
        Long before = update.count() == 0 ? mine.remove(key) : mine.put(key, update.count());
        long delta = update.count() - (before == null ? 0 : before);
        if (delta != 0) {
            add(key, delta);
            listener.accept(key);
        }
    }

    /** A node repeated all its counts that are not zero: they replace what it announced before. */
    void replace(String nodeId, List<NodeCount> counts) {
        Map<NodeCount.Key, Long> before = byNode.getOrDefault(nodeId, Map.of());
        Set<NodeCount.Key> now = new HashSet<>();
        for (NodeCount c : counts) {
            now.add(c.key());
            set(nodeId, c);
        }
        for (NodeCount.Key gone : List.copyOf(before.keySet())) {
            if (!now.contains(gone)) {
                set(nodeId, gone.withCount(0));
            }
        }
    }

    /** A node left: forget what it announced. */
    void forget(String nodeId) {
        Map<NodeCount.Key, Long> gone = byNode.remove(nodeId);
        if (gone == null) {
            return;
        }
        List<NodeCount.Key> changed = new ArrayList<>(gone.keySet());
        gone.forEach((key, n) -> add(key, -n));
        changed.forEach(listener);
    }

    private void add(NodeCount.Key key, long delta) {
        totals.compute(key, (k, n) -> {
            long sum = (n == null ? 0 : n) + delta;
            return sum <= 0 ? null : sum;
        });
    }
}
