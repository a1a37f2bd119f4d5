package io.sockudo.store.app.stored;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StoreCallsTest {

    @Test
    void aCallRunsOnAStoreThreadAndItsFailureNamesTheLookup() throws Exception {
        try (StoreCalls calls = new StoreCalls("test", 1, 4, Duration.ofSeconds(5))) {
            assertThat(calls.call("lookup of key 'k'", () -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS))
                    .startsWith("sockudo-test-app-store-");
            assertThatThrownBy(() -> calls.call("lookup of key 'k'", () -> {
                throw new java.sql.SQLException("connection refused");
            }).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(AppStoreException.class)
                    .hasMessage("test app store: lookup of key 'k' failed: java.sql.SQLException: connection refused");
        }
    }

    @Test
    void aCallThatDoesNotAnswerFailsAtTheBound() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (StoreCalls calls = new StoreCalls("test", 1, 4, Duration.ofMillis(300))) {
            CompletableFuture<Object> stuck = calls.call("lookup of app 'a'", () -> {
                never.await();
                return null;
            });
            assertThatThrownBy(() -> stuck.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(AppStoreException.class)
                    .hasMessage("test app store: lookup of app 'a' got no answer within 300 ms");
        } finally {
            never.countDown();
        }
    }

    @Test
    void lookupsBeyondTheQueueAreRefusedAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (StoreCalls calls = new StoreCalls("test", 1, 1, Duration.ofSeconds(10))) {
            CompletableFuture<Object> running = calls.call("first", () -> {
                release.await();
                return "first";
            });
            CompletableFuture<Object> queued = calls.call("second", () -> "second");
            CompletableFuture<Object> refused = calls.call("third", () -> "third");
            assertThat(refused).isCompletedExceptionally();
            assertThatThrownBy(refused::join).cause().isInstanceOf(AppStoreException.class)
                    .hasMessageContaining("third refused");
            release.countDown();
            assertThat(running.get(5, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("second");
        } finally {
            release.countDown();
        }
    }
}
