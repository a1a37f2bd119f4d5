package io.sockudo.bench.stores;

import java.util.List;
import java.util.stream.IntStream;

/** One app the benchmarks connect and publish as: what a store row and a client both need. */
record BenchApp(String id, String key, String secret) {

    /** {@code count} apps named {@code prefix-0} onwards, each with its own key and secret. */
    static List<BenchApp> numbered(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new BenchApp(prefix + "-" + i, prefix + "-key-" + i, prefix + "-secret-" + i))
                .toList();
    }
}
