package io.sockudo.store.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.store.ratelimit.RateLimiter.Decision;
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

    private FixedWindowRateLimiter limiter(int max, Duration window) {
        return new FixedWindowRateLimiter(max, window, now::get);
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void allowsTheLimitInAWindowThenRefusesUntilItEnds() {
        FixedWindowRateLimiter limiter = limiter(3, Duration.ofSeconds(60));

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
        FixedWindowRateLimiter limiter = limiter(1, Duration.ofSeconds(60));

        assertThat(limiter.tryAcquire("api:10.0.0.1").allowed()).isTrue();
        assertThat(limiter.tryAcquire("api:10.0.0.1").allowed()).isFalse();
        assertThat(limiter.tryAcquire("api:10.0.0.2").allowed()).isTrue();
        assertThat(limiter.tryAcquire("websocket_connect:10.0.0.1").allowed()).isTrue();
    }

    @Test
    void aClientThatKeepsHammeringIsStillLetInWhenTheWindowEnds() {
        FixedWindowRateLimiter limiter = limiter(2, Duration.ofSeconds(1));
        for (int i = 0; i < 10_000; i++) {
            limiter.tryAcquire("k");
        }
        assertThat(limiter.tryAcquire("k").allowed()).isFalse();

        advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("k")).isEqualTo(new Decision(true, 2, 1, 1));
    }

    @Test
    void windowsThatEndedAreForgotten() {
        FixedWindowRateLimiter limiter = limiter(5, Duration.ofSeconds(60));
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
        FixedWindowRateLimiter limiter = new FixedWindowRateLimiter(1_000, Duration.ofMinutes(5));
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
    void takesSockudosApiDefaults() {
        FixedWindowRateLimiter limiter = new FixedWindowRateLimiter(RateLimitSettings.apiDefaults());
        Decision first = limiter.tryAcquire(RateLimitSettings.apiDefaults().keyFor("127.0.0.1"));
        assertThat(first.limit()).isEqualTo(100);
        assertThat(first.remaining()).isEqualTo(99);
        assertThat(first.resetSeconds()).isEqualTo(60);
    }
}
