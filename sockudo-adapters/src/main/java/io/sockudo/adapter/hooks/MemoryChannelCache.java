package io.sockudo.adapter.hooks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * In-process {@link ChannelCache}. In a cluster each node stores the cached events that reach it
 * from the others as well as its own, so each node's memory cache holds the same last events
 * without a shared store.
 */
public final class MemoryChannelCache implements ChannelCache {

    private record Entry(byte[] frame, long expiresAtNanos) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    /** A cache on a monotonic nanosecond clock, the engine's ({@code EngineOptions#clock()}) in practice. */
    public MemoryChannelCache(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public void put(String appId, String channel, byte[] frame, Duration ttl) {
        long now = clock.getAsLong();
        entries.put(appId + '\u0000' + channel, new Entry(frame, now + ttl.toNanos()));
        if (entries.size() % 1024 == 0) {
            entries.values().removeIf(e -> e.expiresAtNanos - now <= 0);
        }
    }

    @Override
    public CompletableFuture<byte[]> get(String appId, String channel) {
        Entry e = live(appId, channel);
        return CompletableFuture.completedFuture(e == null ? null : e.frame);
    }

    @Override
    public CompletableFuture<CachedEvent> entry(String appId, String channel) {
        Entry e = live(appId, channel);
        long left = e == null ? 0 : e.expiresAtNanos - clock.getAsLong();
        return CompletableFuture.completedFuture(left <= 0 ? null : new CachedEvent(e.frame, Duration.ofNanos(left)));
    }

    @Override
    public CompletableFuture<Long> ttlSeconds(String appId, String channel) {
        Entry e = live(appId, channel);
        return CompletableFuture.completedFuture(e == null ? -1L : Math.max(0, (e.expiresAtNanos - clock.getAsLong()) / 1_000_000_000L));
    }

    private Entry live(String appId, String channel) {
        String k = appId + '\u0000' + channel;
        Entry e = entries.get(k);
        if (e != null && e.expiresAtNanos - clock.getAsLong() <= 0) {
            entries.remove(k, e);
            return null;
        }
        return e;
    }
}
