package io.sockudo.adapter.hooks;

import java.time.Duration;
import java.util.Objects;

/**
 * A cache channel's last event frame and how long it has left, as one node's cache holds it:
 * what a node whose own memory cache misses learns from a peer and stores for the time left.
 */
public record CachedEvent(byte[] frame, Duration ttl) {

    public CachedEvent {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(ttl, "ttl");
    }
}
