package io.sockudo.store.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.ratelimit.RateLimiter;
import io.sockudo.adapter.ratelimit.RateLimiter.Decision;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitSettingsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void countsEachClientAgainstSockudosApiDefaults() {
        RateLimitSettings api = RateLimitSettings.apiDefaults();
        RateLimiter<String> limiter = api.newLimiter(now::get);

        assertThat(api.tryAcquire(limiter, "127.0.0.1")).isEqualTo(new Decision(true, 100, 99, 60));
        for (int i = 0; i < 99; i++) {
            api.tryAcquire(limiter, "127.0.0.1");
        }
        assertThat(api.tryAcquire(limiter, "127.0.0.1").allowed()).isFalse();
        assertThat(api.tryAcquire(limiter, "10.0.0.1").allowed()).isTrue();
    }

    @Test
    void limitsWithDifferentIdentifiersNeverShareCounts() {
        RateLimitSettings api = new RateLimitSettings(1, Duration.ofSeconds(60), "api", 0);
        RateLimitSettings ws = new RateLimitSettings(1, Duration.ofSeconds(60), "websocket_connect", 0);
        RateLimiter<String> shared = api.newLimiter(now::get);

        assertThat(api.tryAcquire(shared, "1.2.3.4").allowed()).isTrue();
        assertThat(ws.tryAcquire(shared, "1.2.3.4").allowed()).isTrue();
        assertThat(api.tryAcquire(shared, "1.2.3.4").allowed()).isFalse();
    }
}
