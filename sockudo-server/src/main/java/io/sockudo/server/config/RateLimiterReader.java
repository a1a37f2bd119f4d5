package io.sockudo.server.config;

import io.sockudo.store.ratelimit.RateLimitSettings;
import java.time.Duration;
import java.util.List;

/** Reads {@code rate_limiter} with sockudo's keys, defaults and environment variables. */
final class RateLimiterReader {

    static final List<EnvOverlay.Mapping> ENV = List.of(
            EnvOverlay.Mapping.of("RATE_LIMITER_ENABLED", "rate_limiter", "enabled"),
            EnvOverlay.Mapping.of("RATE_LIMITER_API_MAX_REQUESTS", "rate_limiter", "api_rate_limit", "max_requests"),
            EnvOverlay.Mapping.of("RATE_LIMITER_API_WINDOW_SECONDS", "rate_limiter", "api_rate_limit", "window_seconds"),
            EnvOverlay.Mapping.of("RATE_LIMITER_API_TRUST_HOPS", "rate_limiter", "api_rate_limit", "trust_hops"),
            EnvOverlay.Mapping.of("RATE_LIMITER_WS_MAX_REQUESTS", "rate_limiter", "websocket_rate_limit", "max_requests"),
            EnvOverlay.Mapping.of("RATE_LIMITER_WS_WINDOW_SECONDS", "rate_limiter", "websocket_rate_limit", "window_seconds"),
            EnvOverlay.Mapping.of("RATE_LIMITER_WS_TRUST_HOPS", "rate_limiter", "websocket_rate_limit", "trust_hops"),
            EnvOverlay.Mapping.of("RATE_LIMITER_REDIS_PREFIX", "rate_limiter", "redis", "prefix"),
            EnvOverlay.Mapping.of("REDIS_URL", "rate_limiter", "redis", "url_override"));

    private RateLimiterReader() {
    }

    static RateLimiterConfig read(ConfigNode root) {
        ConfigNode r = root.get("rate_limiter");
        RateLimiterConfig d = RateLimiterConfig.DEFAULTS;
        String driver = StoreDrivers.require(r.get("driver"), "memory", StoreDrivers.RATE_LIMITER);
        ConfigNode redis = r.get("redis");
        String prefix = redis.get("prefix").string(d.prefix());
        return new RateLimiterConfig(
                r.get("enabled").bool(d.enabled()),
                driver,
                limit(r.get("api_rate_limit"), d.api()),
                limit(r.get("websocket_rate_limit"), d.websocket()),
                prefix,
                driver.startsWith("redis") ? RedisReader.read(root, redis, driver.equals("redis-cluster")) : null);
    }

    private static RateLimitSettings limit(ConfigNode n, RateLimitSettings d) {
        return new RateLimitSettings(
                n.get("max_requests").integer(1, Integer.MAX_VALUE, d.maxRequests()),
                Duration.ofSeconds(n.get("window_seconds").integer(1, Integer.MAX_VALUE, (int) d.window().toSeconds())),
                n.get("identifier").string(d.identifier()),
                n.get("trust_hops").integer(0, 64, d.trustHops()));
    }
}
