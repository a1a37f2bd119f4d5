package io.sockudo.server.config;

import static io.sockudo.server.config.Configs.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockudo.store.ratelimit.RateLimitSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimiterConfigTest {

    @Test
    void sockudosDefaultsLimitEveryConfiguredServer() {
        assertThat(read("{}").stores().rateLimiter()).isEqualTo(RateLimiterConfig.DEFAULTS);
        assertThat(RateLimiterConfig.DEFAULTS.enabled()).isTrue();
    }

    @Test
    void everyLimitHasItsEnvironmentVariable() {
        RateLimiterConfig c = read("{}", Map.of("RATE_LIMITER_ENABLED", "false", "RATE_LIMITER_DRIVER", "redis",
                "REDIS_URL", "redis://10.0.0.5:7000", "RATE_LIMITER_REDIS_PREFIX", "rl:",
                "RATE_LIMITER_API_MAX_REQUESTS", "7", "RATE_LIMITER_API_WINDOW_SECONDS", "8", "RATE_LIMITER_API_TRUST_HOPS", "2",
                "RATE_LIMITER_WS_MAX_REQUESTS", "9", "RATE_LIMITER_WS_WINDOW_SECONDS", "10", "RATE_LIMITER_WS_TRUST_HOPS", "1"))
                .stores().rateLimiter();
        assertThat(c.enabled()).isFalse();
        assertThat(c.driver()).isEqualTo("redis");
        assertThat(c.prefix()).isEqualTo("rl:");
        assertThat(c.redis().nodes()).extracting(Object::toString).containsExactly("10.0.0.5:7000");
        assertThat(c.api()).isEqualTo(new RateLimitSettings(7, Duration.ofSeconds(8), "api", 2));
        assertThat(c.websocket()).isEqualTo(new RateLimitSettings(9, Duration.ofSeconds(10), "websocket_connect", 1));
    }

    @Test
    void aRateLimiterDriverThisServerLacksStopsTheLauncher() {
        assertThatThrownBy(() -> read("{\"rate_limiter\": {\"driver\": \"nats\"}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.json: rate_limiter.driver \"nats\" is not a known driver (available: memory, redis, redis-cluster); refusing to start without it");
        assertThatThrownBy(() -> read("{\"rate_limiter\": {\"api_rate_limit\": {\"max_requests\": 0}}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rate_limiter.api_rate_limit.max_requests");
    }
}
