package io.sockudo.adapter.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answers the peers gave to one request. The asking node's own state is not in it: the
 * caller adds its local values.
 *
 * @param expected the peers that were alive when the request went out
 * @param answers  node id → its answer, for every node that answered in time (a peer not yet
 *                 known when the request went out may be among them)
 * @param complete true when every expected peer answered before the request timed out
 */
public record Aggregate(Set<String> expected, Map<String, Answer> answers, boolean complete) {

    public Aggregate {
        expected = Set.copyOf(expected);
        answers = Map.copyOf(answers);
    }

    /** The expected peers that did not answer in time. */
    public Set<String> missing() {
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(answers.keySet());
        return missing;
    }

    /** Every member any peer knows, user id → raw {@code user_info}. */
    public Map<String, String> members() {
        Map<String, String> members = new LinkedHashMap<>();
        answers.values().forEach(a -> a.members().forEach(members::putIfAbsent));
        return members;
    }

    public long socketsCount() {
        return answers.values().stream().mapToLong(Answer::socketsCount).sum();
    }

    /** The sum of the peers' member counts; a user connected to several nodes counts on each. */
    public long membersCount() {
        return answers.values().stream().mapToLong(Answer::membersCount).sum();
    }

    public boolean exists() {
        return answers.values().stream().anyMatch(Answer::exists);
    }

    /** Channel → the peers' socket counts summed. */
    public Map<String, Long> channelsWithSocketsCount() {
        Map<String, Long> counts = new LinkedHashMap<>();
        answers.values().forEach(a -> a.channelsWithSocketsCount().forEach((c, n) -> counts.merge(c, n, Long::sum)));
        return counts;
    }

    public List<String> socketIds() {
        Set<String> ids = new LinkedHashSet<>();
        answers.values().forEach(a -> ids.addAll(a.socketIds()));
        return new ArrayList<>(ids);
    }

    public Set<String> channels() {
        Set<String> channels = new LinkedHashSet<>();
        answers.values().forEach(a -> channels.addAll(a.channels()));
        return channels;
    }

    /** The answer carrying the cached event with the most time left, or null when no peer has one. */
    public Answer cachedEvent() {
        return answers.values().stream().filter(a -> a.cachedEvent() != null && a.cacheTtlMs() > 0)
                .max(Comparator.comparingLong(Answer::cacheTtlMs)).orElse(null);
    }
}
