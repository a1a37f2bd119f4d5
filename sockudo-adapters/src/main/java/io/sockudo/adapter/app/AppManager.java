package io.sockudo.adapter.app;

import io.sockudo.adapter.health.HealthCheck;
import io.sockudo.adapter.health.Health;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where apps come from: the config file, a database, a cache in front of either. Lookups are
 * asynchronous because some stores answer over the network; callers never block an I/O thread
 * waiting for them.
 */
public interface AppManager extends HealthCheck {

    /** Whether the store answers; one held in memory always does. Critical for {@code /up}. */
    @Override
    default CompletableFuture<Health> health() {
        return Health.okNow();
    }


    /** The app with this key, or a future of null when there is none. */
    CompletableFuture<App> findByKey(String key);

    /** The app with this id, or a future of null when there is none. */
    CompletableFuture<App> findById(String id);

    /** Every app this manager knows, where it can list them (for health checks and metrics). */
    CompletableFuture<List<App>> all();
}
