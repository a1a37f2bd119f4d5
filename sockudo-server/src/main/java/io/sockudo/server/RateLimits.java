package io.sockudo.server;

import io.sockudo.adapter.ratelimit.AsyncRateLimiter;
import io.sockudo.adapter.ratelimit.FixedWindowRateLimiter;
import io.sockudo.server.config.RateLimiterConfig;
import io.sockudo.store.ratelimit.RateLimitSettings;
import io.sockudo.store.ratelimit.RedisRateLimiter;
import java.util.function.LongSupplier;

/** Builds the limits a configuration names ({@code rate_limiter}). */
final class RateLimits {

    private RateLimits() {
    }

    /**
     * The routes behind the configured limits, or plain routes when limiting is off. Redis
     * limiters connect here (blocking: call it at startup) and are handed to {@code owned}.
     *
     * @param clock the engine's nanosecond clock, for the memory limiters
     */
    static io.undertow.server.RoutingHandler routes(RateLimiterConfig config, LongSupplier clock, OwnedResources owned) {
        if (!config.enabled()) {
            return new io.undertow.server.RoutingHandler(false);
        }
        return new LimitedRoutes(limit(config, config.api(), clock, owned), limit(config, config.websocket(), clock, owned));
    }

    private static LimitedRoutes.Limit limit(RateLimiterConfig config, RateLimitSettings settings, LongSupplier clock,
                                             OwnedResources owned) {
        if (config.redis() == null) {
            return new LimitedRoutes.Limit(settings, AsyncRateLimiter.of(new FixedWindowRateLimiter<>(settings.window(), clock)));
        }
        RedisRateLimiter limiter = RedisRateLimiter.open(config.redis(), config.prefix(), settings.window());
        owned.add(limiter);
        return new LimitedRoutes.Limit(settings, limiter);
    }
}
