package io.sockudo.store.ratelimit;

import io.sockudo.adapter.ratelimit.FixedWindowRateLimiter;
import io.sockudo.adapter.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One limit of sockudo's {@code rate_limiter}: {@code api_rate_limit} or {@code websocket_rate_limit}.
 * Counted with the engine's {@link RateLimiter}, keyed by {@link #keyFor client}.
 *
 * @param maxRequests requests per client per window ({@code max_requests})
 * @param window      the window ({@code window_seconds})
 * @param identifier  prefix of the counter key, so limits never share counts ({@code identifier})
 * @param trustHops   proxies in front of this server whose forwarding headers are believed ({@code trust_hops})
 */
public record RateLimitSettings(int maxRequests, Duration window, String identifier, int trustHops) {

    public RateLimitSettings {
        if (maxRequests < 1) {
            throw new IllegalArgumentException("maxRequests must be at least 1, was " + maxRequests);
        }
        Objects.requireNonNull(window, "window");
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        Objects.requireNonNull(identifier, "identifier");
        if (trustHops < 0) {
            throw new IllegalArgumentException("trustHops must not be negative, was " + trustHops);
        }
    }

    /** sockudo's {@code api_rate_limit}: 100 requests a minute per client, no proxy trusted. */
    public static RateLimitSettings apiDefaults() {
        return new RateLimitSettings(100, Duration.ofSeconds(60), "api", 0);
    }

    /** sockudo's {@code websocket_rate_limit}: 20 connection attempts a minute per client, no proxy trusted. */
    public static RateLimitSettings websocketDefaults() {
        return new RateLimitSettings(20, Duration.ofSeconds(60), "websocket_connect", 0);
    }

    /** The counter key for a client of this limit: {@code identifier:address}. */
    public String keyFor(String clientAddress) {
        return identifier + ':' + clientAddress;
    }

    /** The client address of a request under this limit's {@code trust_hops}; see {@link ClientAddress}. */
    public String clientAddress(String forwardedFor, String realIp, String peerAddress) {
        return ClientAddress.of(forwardedFor, realIp, peerAddress, trustHops);
    }

    /** The memory limiter for this limit's window ({@code rate_limiter.driver = memory}). */
    public RateLimiter<String> newLimiter(LongSupplier nanoClock) {
        return new FixedWindowRateLimiter<>(window, nanoClock);
    }

    /** Counts one request of a client against this limit. */
    public RateLimiter.Decision tryAcquire(RateLimiter<String> limiter, String clientAddress) {
        return limiter.tryAcquire(keyFor(clientAddress), maxRequests);
    }
}
