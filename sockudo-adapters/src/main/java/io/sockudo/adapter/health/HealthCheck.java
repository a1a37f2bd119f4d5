package io.sockudo.adapter.health;

import java.util.concurrent.CompletableFuture;

/**
 * A component that can say whether it works: the adapter (its connection to the other nodes),
 * the app store, the cache, the webhook queue. Checks that go over the network return a future;
 * {@link SystemHealth} bounds how long it waits for each.
 */
@FunctionalInterface
public interface HealthCheck {

    CompletableFuture<Health> health();
}
