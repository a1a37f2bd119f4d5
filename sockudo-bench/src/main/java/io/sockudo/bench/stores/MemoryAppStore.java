package io.sockudo.bench.stores;

import java.util.List;
import java.util.stream.Collectors;

/** {@code app_manager.driver = memory}: the apps are the configuration's own array. */
final class MemoryAppStore implements AppStoreUnderTest {

    @Override
    public String driver() {
        return "memory";
    }

    @Override
    public String configMembers(List<BenchApp> apps, int cacheTtlSeconds) {
        String array = apps.stream()
                .map(a -> "{\"id\": \"" + a.id() + "\", \"key\": \"" + a.key() + "\", \"secret\": \"" + a.secret()
                        + "\", \"enabled\": true, " + AppStoreUnderTest.unlimited() + "}")
                .collect(Collectors.joining(",\n      "));
        return "\"app_manager\": {\"driver\": \"memory\", \"cache\": {\"enabled\": true, \"ttl\": " + cacheTtlSeconds + "},\n"
                + "    \"array\": {\"apps\": [\n      " + array + "]}}";
    }

    @Override
    public void insert(List<BenchApp> apps) {
        // configured, not stored: see configMembers
    }

    @Override
    public void close() {
        // nothing was started
    }
}
