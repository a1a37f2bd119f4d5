package io.sockudo.transport.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of the HTTP API's request bodies the server holds, and for how long.
 *
 * @param maxBodyBytes  the largest body one request may have; larger ones are answered 413
 *                      ({@code http_api.request_limit_in_mb})
 * @param inFlightBytes the memory all bodies being read at once may take together; a request
 *                      that would go over it is answered 503 with {@code Retry-After}
 * @param bodyTimeout   how long a request's body may take to arrive, counted from its headers;
 *                      a slower one is answered 408 and its connection closed
 */
public record BodyLimits(long maxBodyBytes, long inFlightBytes, Duration bodyTimeout) {

    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
    public static final long DEFAULT_IN_FLIGHT_BYTES = 64L * 1024 * 1024;
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);

    public BodyLimits {
        Objects.requireNonNull(bodyTimeout, "bodyTimeout");
        if (maxBodyBytes < 1 || maxBodyBytes >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBodyBytes must be between 1 and " + (Integer.MAX_VALUE - 9) + ": " + maxBodyBytes);
        }
        if (inFlightBytes < maxBodyBytes) {
            throw new IllegalArgumentException("inFlightBytes (" + inFlightBytes + ") must be at least maxBodyBytes (" + maxBodyBytes
                    + "), or the largest allowed body could never be read");
        }
        if (bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("bodyTimeout must be positive: " + bodyTimeout);
        }
    }

    /** Default memory and timeout for this body limit: 64 MiB in flight, or twice the limit when that is more. */
    public static BodyLimits forMaxBody(long maxBodyBytes) {
        return new BodyLimits(maxBodyBytes, Math.max(DEFAULT_IN_FLIGHT_BYTES, 2 * maxBodyBytes), DEFAULT_BODY_TIMEOUT);
    }

    public static BodyLimits defaults() {
        return forMaxBody(DEFAULT_MAX_BODY_BYTES);
    }
}
