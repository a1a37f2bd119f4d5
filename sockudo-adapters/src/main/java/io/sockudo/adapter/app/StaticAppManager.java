package io.sockudo.adapter.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Apps fixed at start-up, from the config file ({@code app_manager.driver = memory}). */
public final class StaticAppManager implements AppManager {

    private final Map<String, CompletableFuture<App>> byKey = new HashMap<>();
    private final Map<String, CompletableFuture<App>> byId = new HashMap<>();
    private final CompletableFuture<List<App>> all;
    private static final CompletableFuture<App> NONE = CompletableFuture.completedFuture(null);

    public StaticAppManager(List<App> apps) {
        for (App app : apps) {
            CompletableFuture<App> f = CompletableFuture.completedFuture(app);
            if (byKey.put(app.key(), f) != null) {
                throw new IllegalArgumentException("two apps share the key " + app.key());
            }
            if (byId.put(app.id(), f) != null) {
                throw new IllegalArgumentException("two apps share the id " + app.id());
            }
        }
        all = CompletableFuture.completedFuture(List.copyOf(apps));
    }

    @Override
    public CompletableFuture<App> findByKey(String key) {
        return byKey.getOrDefault(key, NONE);
    }

    @Override
    public CompletableFuture<App> findById(String id) {
        return byId.getOrDefault(id, NONE);
    }

    @Override
    public CompletableFuture<List<App>> all() {
        return all;
    }
}
