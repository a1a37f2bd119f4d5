package io.sockudo.adapter.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.ratelimit.RateLimiter.Decision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FixedWindowRateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    /** A limiter whose every call asks for one permit of {@code max}. */
    private record Limited(FixedWindowRateLimiter<String> limiter, int max) {
        Decision tryAcquire(String key) {
            return limiter.tryAcquire(key, max);
        }

        int trackedKeys() {
            return limiter.trackedKeys();
        }
    }

    private Limited limiter(int max, Duration window) {
        return new Limited(new FixedWindowRateLimiter<>(window, now::get), max);
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void allowsTheLimitInAWindowThenRefusesUntilItEnds() {
        Limited limiter = limiter(3, Duration.ofSeconds(60));

        assertThat(limiter.tryAcquire("api:1.2.3.4")).isEqualTo(new Decision(true, 3, 2, 60));
        advance(Duration.ofSeconds(10));
        assertThat(limiter.tryAcquire("api:1.2.3.4")).isEqualTo(new Decision(true, 3, 1, 50));
        assertThat(limiter.tryAcquire("api:1.2.3.4")).isEqualTo(new Decision(true, 3, 0, 50));
        assertThat(limiter.tryAcquire("api:1.2.3.4")).isEqualTo(new Decision(false, 3, 0, 50));
        advance(Duration.ofMillis(49_500));
        assertThat(limiter.tryAcquire("api:1.2.3.4")).isEqualTo(new Decision(false, 3, 0, 1));

        advance(Duration.ofMillis(500));
        assertThat(limiter.tryAcquire("api:1.2.3.4")).isEqualTo(new Decision(true, 3, 2, 60));
    }

    @Test
    void eachKeyHasItsOwnCount() {
        Limited limiter = limiter(1, Duration.ofSeconds(60));

        assertThat(limiter.tryAcquire("api:10.0.0.1").allowed()).isTrue();
        assertThat(limiter.tryAcquire("api:10.0.0.1").allowed()).isFalse();
        assertThat(limiter.tryAcquire("api:10.0.0.2").allowed()).isTrue();
        assertThat(limiter.tryAcquire("websocket_connect:10.0.0.1").allowed()).isTrue();
    }

    @Test
    void aClientThatKeepsHammeringIsStillLetInWhenTheWindowEnds() {
        Limited limiter = limiter(2, Duration.ofSeconds(1));
        for (int i = 0; i < 10_000; i++) {
            limiter.tryAcquire("k");
        }
        assertThat(limiter.tryAcquire("k").allowed()).isFalse();

        advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("k")).isEqualTo(new Decision(true, 2, 1, 1));
    }

    @Test
    void windowsThatEndedAreForgotten() {
        Limited limiter = limiter(5, Duration.ofSeconds(60));
        for (int i = 0; i < 1_000; i++) {
            limiter.tryAcquire("api:client-" + i);
        }
        assertThat(limiter.trackedKeys()).isEqualTo(1_000);

        advance(Duration.ofSeconds(61));
        limiter.tryAcquire("api:someone-new");

        assertThat(limiter.trackedKeys()).isEqualTo(1);
    }

    @Test
    void concurrentRequestsAreCountedExactly() throws Exception {
        Limited limiter = new Limited(new FixedWindowRateLimiter<>(Duration.ofMinutes(5), System::nanoTime), 1_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                tasks.add(() -> {
                    int allowed = 0;
                    for (int i = 0; i < 500; i++) {
                        if (limiter.tryAcquire("api:shared").allowed()) {
                            allowed++;
                        }
                    }
                    return allowed;
                });
            }
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                total += f.get();
            }
            assertThat(total).isEqualTo(1_000);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aRequestOfSeveralPermitsFitsWholeOrTakesNothing() {
        FixedWindowRateLimiter<String> limiter = new FixedWindowRateLimiter<>(Duration.ofSeconds(1), now::get);

        assertThat(limiter.tryAcquire("app", 3, 5).allowed()).isTrue();
        assertThat(limiter.tryAcquire("app", 3, 5)).isEqualTo(new Decision(false, 5, 2, 1));
        assertThat(limiter.tryAcquire("app", 2, 5)).isEqualTo(new Decision(true, 5, 0, 1));
    }

    @Test
    void noLimitCountsNothing() {
        FixedWindowRateLimiter<String> limiter = new FixedWindowRateLimiter<>(Duration.ofSeconds(1), now::get);

        assertThat(limiter.tryAcquire("app", 1_000_000, 0).allowed()).isTrue();
        assertThat(limiter.trackedKeys()).isZero();
    }

    @Test
    void aForgottenKeyStartsAfresh() {
        FixedWindowRateLimiter<String> limiter = new FixedWindowRateLimiter<>(Duration.ofSeconds(60), now::get);
        limiter.tryAcquire("socket", 1);
        assertThat(limiter.tryAcquire("socket", 1).allowed()).isFalse();

        limiter.forget("socket");

        assertThat(limiter.tryAcquire("socket", 1).allowed()).isTrue();
    }
}
