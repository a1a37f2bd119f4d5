package io.sockudo.adapter.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemoryChannelCacheTest {

    private final ManualClock clock = new ManualClock();
    private final MemoryChannelCache cache = new MemoryChannelCache(clock);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keepsTheLatestFrameOfEachChannel() {
        cache.put("app", "cache-a", bytes("one"), Duration.ofSeconds(60));
        cache.put("app", "cache-a", bytes("two"), Duration.ofSeconds(60));
        cache.put("app", "cache-b", bytes("other"), Duration.ofSeconds(60));

        assertThat(cache.get("app", "cache-a").join()).isEqualTo(bytes("two"));
        assertThat(cache.get("app", "cache-b").join()).isEqualTo(bytes("other"));
    }

    @Test
    void appsDoNotSeeEachOthersChannels() {
        cache.put("app-1", "cache-a", bytes("one"), Duration.ofSeconds(60));

        assertThat(cache.get("app-2", "cache-a").join()).isNull();
        assertThat(cache.ttlSeconds("app-2", "cache-a").join()).isEqualTo(-1);
    }

    @Test
    void anEntryExpiresAfterItsTtl() {
        cache.put("app", "cache-a", bytes("one"), Duration.ofSeconds(60));

        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.get("app", "cache-a").join()).isEqualTo(bytes("one"));
        clock.advance(Duration.ofSeconds(1));

        assertThat(cache.get("app", "cache-a").join()).isNull();
        assertThat(cache.ttlSeconds("app", "cache-a").join()).isEqualTo(-1);
    }

    @Test
    void theTtlCountsDownInWholeSeconds() {
        cache.put("app", "cache-a", bytes("one"), Duration.ofSeconds(60));

        assertThat(cache.ttlSeconds("app", "cache-a").join()).isEqualTo(60);
        clock.advance(Duration.ofMillis(1500));
        assertThat(cache.ttlSeconds("app", "cache-a").join()).isEqualTo(58);
    }

    @Test
    void aChannelNeverPublishedToHasNothing() {
        assertThat(cache.get("app", "cache-a").join()).isNull();
        assertThat(cache.ttlSeconds("app", "cache-a").join()).isEqualTo(-1);
    }
}
