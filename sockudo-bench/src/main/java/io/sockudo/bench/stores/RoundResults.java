package io.sockudo.bench.stores;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Throughputs measured in rounds, every driver once per round, and what they say against a
 * reference driver. On a shared, noisy machine the ratio within one round (where the drivers ran
 * seconds apart) is steadier than a ratio of separate runs; the median of the rounds' ratios
 * leaves out a round a neighbour disturbed.
 */
final class RoundResults {

    private final String reference;
    private final Map<String, List<Double>> byDriver = new LinkedHashMap<>();
    private final Map<String, Long> statements = new LinkedHashMap<>();

    RoundResults(String reference) {
        this.reference = reference;
    }

    void add(String driver, double perSecond) {
        byDriver.computeIfAbsent(driver, d -> new ArrayList<>()).add(perSecond);
    }

    /** Statements the driver's database ran during the rounds (the counting query included), -1 when unknown. */
    void statements(String driver, long count) {
        statements.put(driver, count);
    }

    long statements(String driver) {
        return statements.getOrDefault(driver, -1L);
    }

    List<String> drivers() {
        return List.copyOf(byDriver.keySet());
    }

    List<Double> rounds(String driver) {
        return List.copyOf(byDriver.getOrDefault(driver, List.of()));
    }

    /** Each round's throughput of {@code driver} divided by the reference's in the same round. */
    List<Double> ratios(String driver) {
        List<Double> mine = rounds(driver);
        List<Double> ref = rounds(reference);
        if (mine.size() != ref.size()) {
            throw new IllegalStateException(driver + " has " + mine.size() + " rounds, " + reference + " " + ref.size());
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < mine.size(); i++) {
            out.add(mine.get(i) / ref.get(i));
        }
        return out;
    }

    double medianRatio(String driver) {
        return median(ratios(driver));
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
