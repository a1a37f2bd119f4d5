package io.sockudo.store.app;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.AppManager;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Keeps apps from a slower {@link AppManager} (a database, a remote store) in memory, by key and by
 * id ({@code app_manager.cache}).
 *
 * <p>Nothing here blocks: a miss returns the store's own future, and callers asking for the same
 * app while it loads share that one lookup. A failed lookup is not remembered, so the next caller
 * asks again. "No such app" is remembered for {@link AppCacheSettings#negativeTtl()}, so clients
 * retrying an unknown key cannot turn into a flood of store queries. An app found by key also
 * answers lookups by its id, and the other way round.
 *
 * <p>Like sockudo, a changed app is seen once its entry expires; {@link #invalidateAll()} forgets
 * everything at once.
 *
 * <p>When the store fails (a database outage), an app it answered before is served as it was last
 * seen, however old, so that the apps in use keep working through the outage; apps never seen
 * fail as the store did. The store is asked again on every such lookup (sharing one lookup
 * among concurrent callers), so recovery needs nothing but the store answering again. An app the
 * store said is gone is forgotten at once.
 */
public final class CachingAppManager implements AppManager {

    /**
     * What the store said: an app, no app, or a failure. A failure is kept as a value (expiring at
     * once) rather than as a failed future, which the cache would log as an error on every lookup
     * for as long as the store is down.
     */
    private record Answer(App app, Throwable failure) {
        // a failure with an app: the store failed, the app is the last one it gave
    }

    private final AppManager store;
    private final AsyncCache<String, Answer> byKey;
    private final AsyncCache<String, Answer> byId;
    /** The last app the store gave for a key / an id, for serving during an outage; never expires, bounded in size. */
    private final Cache<String, App> lastByKey;
    private final Cache<String, App> lastById;

    public CachingAppManager(AppManager store, AppCacheSettings settings) {
        this(store, settings, Ticker.systemTicker(), ForkJoinPool.commonPool());
    }

    CachingAppManager(AppManager store, AppCacheSettings settings, Ticker ticker, Executor executor) {
        this.store = Objects.requireNonNull(store, "store");
        this.byKey = cache(settings, ticker, executor);
        this.byId = cache(settings, ticker, executor);
        this.lastByKey = Caffeine.newBuilder().maximumSize(settings.maximumSize()).executor(executor).build();
        this.lastById = Caffeine.newBuilder().maximumSize(settings.maximumSize()).executor(executor).build();
    }

    private static AsyncCache<String, Answer> cache(AppCacheSettings settings, Ticker ticker, Executor executor) {
        long found = settings.ttl().toNanos();
        long missing = Math.min(settings.negativeTtl().toNanos(), found);
        return Caffeine.newBuilder()
                .maximumSize(settings.maximumSize())
                .expireAfter(new Expiry<String, Answer>() {
                    @Override
                    public long expireAfterCreate(String key, Answer answer, long currentTime) {
                        return answer.failure() != null ? 0 : answer.app() != null ? found : missing;
                    }

                    @Override
                    public long expireAfterUpdate(String key, Answer answer, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, answer, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Answer answer, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .ticker(ticker)
                .executor(executor)
                .buildAsync();
    }

    @Override
    public CompletableFuture<App> findByKey(String key) {
        return lookup(byKey, lastByKey, key, store::findByKey, app -> {
            byId.put(app.id(), known(app));
            seen(app);
        });
    }

    @Override
    public CompletableFuture<App> findById(String id) {
        return lookup(byId, lastById, id, store::findById, app -> {
            byKey.put(app.key(), known(app));
            seen(app);
        });
    }

    /** Remembers an app the store just gave, under both names, for outages. */
    private void seen(App app) {
        lastById.put(app.id(), app);
        lastByKey.put(app.key(), app);
    }

    /** Not cached: listing is for health checks and metrics, which want the store's current answer. */
    /** The store's health: the cache cannot stand in for a store that does not answer. */
    @Override
    public CompletableFuture<io.sockudo.adapter.health.Health> health() {
        return store.health();
    }

    @Override
    public CompletableFuture<List<App>> all() {
        return store.all();
    }

    /** Forgets every app, found or not; the next lookups ask the store. */
    public void invalidateAll() {
        byKey.synchronous().invalidateAll();
        byId.synchronous().invalidateAll();
        lastByKey.invalidateAll();
        lastById.invalidateAll();
    }

    private static CompletableFuture<Answer> known(App app) {
        return CompletableFuture.completedFuture(new Answer(app, null));
    }

    private static CompletableFuture<App> lookup(AsyncCache<String, Answer> cache, Cache<String, App> last, String name,
                                                 Function<String, CompletableFuture<App>> load,
                                                 Consumer<App> seen) {
        if (name == null) {
            return CompletableFuture.completedFuture(null);
        }
        // thenApply gives each caller its own future, so none can complete or cancel the shared one
        return cache.get(name, (n, executor) -> ask(load, n).handle((app, failure) -> {
            if (failure != null) {
                // expires at once either way: the store is asked again by the next caller
                return new Answer(last.getIfPresent(n), failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
            if (app != null) {
                seen.accept(app);
            } else {
                last.invalidate(n);
            }
            return new Answer(app, null);
        })).thenApply(answer -> {
            if (answer.app() == null && answer.failure() != null) {
                throw new CompletionException(answer.failure());
            }
            return answer.app();
        });
    }

    private static CompletableFuture<App> ask(Function<String, CompletableFuture<App>> load, String name) {
        try {
            CompletableFuture<App> f = load.apply(name);
            return f != null ? f : CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
