package io.sockudo.store.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.AppManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachingAppManagerTest {

    private static final App APP = App.builder("app-id", "app-key", "app-secret").build();

    /** An app store that counts how often it is asked, and can be told to answer later or fail. */
    private static final class CountingStore implements AppManager {
        final Map<String, App> byKey = new ConcurrentHashMap<>();
        final AtomicInteger keyLookups = new AtomicInteger();
        final AtomicInteger idLookups = new AtomicInteger();
        final List<CompletableFuture<App>> held = new ArrayList<>();
        volatile boolean holdAnswers;
        volatile RuntimeException failure;

        CountingStore(App... apps) {
            for (App a : apps) {
                byKey.put(a.key(), a);
            }
        }

        @Override
        public CompletableFuture<App> findByKey(String key) {
            keyLookups.incrementAndGet();
            return answer(byKey.get(key));
        }

        @Override
        public CompletableFuture<App> findById(String id) {
            idLookups.incrementAndGet();
            return answer(byKey.values().stream().filter(a -> a.id().equals(id)).findFirst().orElse(null));
        }

        @Override
        public CompletableFuture<List<App>> all() {
            return CompletableFuture.completedFuture(List.copyOf(byKey.values()));
        }

        private synchronized CompletableFuture<App> answer(App app) {
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            if (holdAnswers) {
                CompletableFuture<App> later = new CompletableFuture<>();
                held.add(later);
                return later;
            }
            return CompletableFuture.completedFuture(app);
        }
    }

    private final AtomicLong nanos = new AtomicLong();

    private CachingAppManager cache(AppManager store) {
        return new CachingAppManager(store, AppCacheSettings.defaults(), nanos::get, Runnable::run);
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void anAppIsAskedForOnceAndThenServedFromMemoryUntilItsTtlEnds() throws Exception {
        CountingStore store = new CountingStore(APP);
        CachingAppManager apps = cache(store);

        assertThat(apps.findByKey("app-key").get()).isEqualTo(APP);
        advance(Duration.ofSeconds(299));
        assertThat(apps.findByKey("app-key").get()).isEqualTo(APP);
        assertThat(store.keyLookups).hasValue(1);

        advance(Duration.ofSeconds(2));
        assertThat(apps.findByKey("app-key").get()).isEqualTo(APP);
        assertThat(store.keyLookups).hasValue(2);
    }

    @Test
    void aChangedAppIsSeenOnceTheOldOneExpires() throws Exception {
        CountingStore store = new CountingStore(APP);
        CachingAppManager apps = cache(store);
        apps.findByKey("app-key").get();

        App disabled = APP.toBuilder().enabled(false).build();
        store.byKey.put("app-key", disabled);
        assertThat(apps.findByKey("app-key").get().enabled()).isTrue();

        advance(Duration.ofSeconds(301));
        assertThat(apps.findByKey("app-key").get()).isEqualTo(disabled);
    }

    @Test
    void anUnknownKeyIsRememberedBrieflySoRetriesDoNotReachTheStore() throws Exception {
        CountingStore store = new CountingStore(APP);
        CachingAppManager apps = cache(store);

        for (int i = 0; i < 100; i++) {
            assertThat(apps.findByKey("no-such-key").get()).isNull();
        }
        assertThat(store.keyLookups).hasValue(1);

        // an app created meanwhile is found once the short negative entry expires, long before the ttl
        App created = App.builder("new-id", "no-such-key", "s").build();
        store.byKey.put("no-such-key", created);
        advance(Duration.ofSeconds(6));
        assertThat(apps.findByKey("no-such-key").get()).isEqualTo(created);
        assertThat(store.keyLookups).hasValue(2);
    }

    @Test
    void callersAskingWhileTheStoreIsStillLookingShareOneLookup() throws Exception {
        CountingStore store = new CountingStore(APP);
        store.holdAnswers = true;
        CachingAppManager apps = cache(store);

        CompletableFuture<App> first = apps.findByKey("app-key");
        CompletableFuture<App> second = apps.findByKey("app-key");
        CompletableFuture<App> third = apps.findByKey("app-key");

        // nobody waits: the futures are handed back while the store has not answered
        assertThat(List.of(first, second, third)).noneMatch(CompletableFuture::isDone);
        assertThat(store.keyLookups).hasValue(1);

        store.held.get(0).complete(APP);
        assertThat(List.of(first.get(), second.get(), third.get())).containsOnly(APP);
    }

    @Test
    void aCallerCancellingItsFutureDoesNotSpoilTheLookupForOthers() throws Exception {
        CountingStore store = new CountingStore(APP);
        store.holdAnswers = true;
        CachingAppManager apps = cache(store);

        CompletableFuture<App> impatient = apps.findByKey("app-key");
        CompletableFuture<App> patient = apps.findByKey("app-key");
        impatient.cancel(true);
        store.held.get(0).complete(APP);

        assertThat(patient.get()).isEqualTo(APP);
        assertThat(apps.findByKey("app-key").get()).isEqualTo(APP);
        assertThat(store.keyLookups).hasValue(1);
    }

    @Test
    void aFailedLookupIsNotRemembered() throws Exception {
        CountingStore store = new CountingStore(APP);
        store.failure = new IllegalStateException("database unreachable");
        CachingAppManager apps = cache(store);

        assertThatThrownBy(() -> apps.findByKey("app-key").get())
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("database unreachable");

        store.failure = null;
        assertThat(apps.findByKey("app-key").get()).isEqualTo(APP);
        assertThat(store.keyLookups).hasValue(2);
    }

    @Test
    void duringAnOutageAnAppSeenBeforeIsServedAsLastSeenAndTheStoreIsAskedEachTime() throws Exception {
        CountingStore store = new CountingStore(APP);
        CachingAppManager apps = cache(store);
        assertThat(apps.findByKey("app-key").get()).isEqualTo(APP);

        advance(Duration.ofHours(1));
        store.failure = new IllegalStateException("database unreachable");
        assertThat(apps.findByKey("app-key").get()).isEqualTo(APP);
        assertThat(apps.findById("app-id").get()).isEqualTo(APP);
        assertThat(apps.findByKey("app-key").get()).isEqualTo(APP);
        assertThat(store.keyLookups).hasValue(3);
        assertThatThrownBy(() -> apps.findByKey("never-seen").get())
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("database unreachable");

        App disabled = App.builder("app-id", "app-key", "app-secret").enabled(false).build();
        store.byKey.put("app-key", disabled);
        store.failure = null;
        assertThat(apps.findByKey("app-key").get()).isEqualTo(disabled);
    }

    @Test
    void anAppTheStoreSaysIsGoneIsNotServedDuringALaterOutage() throws Exception {
        CountingStore store = new CountingStore(APP);
        CachingAppManager apps = cache(store);
        assertThat(apps.findByKey("app-key").get()).isEqualTo(APP);
        store.byKey.clear();
        advance(Duration.ofHours(1));
        assertThat(apps.findByKey("app-key").get()).isNull();

        advance(Duration.ofHours(1));
        store.failure = new IllegalStateException("database unreachable");
        assertThatThrownBy(() -> apps.findByKey("app-key").get()).isInstanceOf(ExecutionException.class);
    }

    @Test
    void aStoreThatThrowsInsteadOfFailingItsFutureStillGivesAFailedFuture() {
        AppManager throwing = new AppManager() {
            @Override
            public CompletableFuture<App> findByKey(String key) {
                throw new IllegalStateException("boom");
            }

            @Override
            public CompletableFuture<App> findById(String id) {
                throw new IllegalStateException("boom");
            }

            @Override
            public CompletableFuture<List<App>> all() {
                throw new IllegalStateException("boom");
            }
        };
        CompletableFuture<App> result = cache(throwing).findById("x");
        assertThat(result).isCompletedExceptionally();
    }

    @Test
    void anAppFoundByKeyAlsoAnswersLookupsByIdAndTheOtherWayRound() throws Exception {
        App other = App.builder("other-id", "other-key", "s").build();
        CountingStore store = new CountingStore(APP, other);
        CachingAppManager apps = cache(store);

        apps.findByKey("app-key").get();
        assertThat(apps.findById("app-id").get()).isEqualTo(APP);
        assertThat(store.idLookups).hasValue(0);

        apps.findById("other-id").get();
        assertThat(apps.findByKey("other-key").get()).isEqualTo(other);
        assertThat(store.keyLookups).hasValue(1);
    }

    @Test
    void invalidatingForgetsEverything() throws Exception {
        CountingStore store = new CountingStore(APP);
        CachingAppManager apps = cache(store);
        apps.findByKey("app-key").get();

        apps.invalidateAll();
        apps.findByKey("app-key").get();
        apps.findById("app-id").get();

        assertThat(store.keyLookups).hasValue(2);
        assertThat(store.idLookups).hasValue(0);
    }

    @Test
    void listingAllAppsAsksTheStore() throws Exception {
        CountingStore store = new CountingStore(APP);
        assertThat(cache(store).all().get()).containsExactly(APP);
    }

    @Test
    void aNullKeyIsNoApp() throws Exception {
        CountingStore store = new CountingStore(APP);
        assertThat(cache(store).findByKey(null).get()).isNull();
        assertThat(store.keyLookups).hasValue(0);
    }
}
