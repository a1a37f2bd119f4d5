package io.sockudo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SentinelTest {

    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();

    @Test
    void returnsWhatCameBeforeTheSentinel() {
        frames.add("{\"event\":\"a\",\"channel\":\"c\",\"data\":\"1\"}");
        frames.add("{\"event\":\"" + Sentinel.EVENT + "\",\"channel\":\"c\",\"data\":\"{}\"}");
        frames.add("{\"event\":\"after\"}");
        assertThat(Sentinel.framesBefore(this::poll)).containsExactly("{\"event\":\"a\",\"channel\":\"c\",\"data\":\"1\"}");
        assertThat(frames).containsExactly("{\"event\":\"after\"}");
    }

    @Test
    void aMissingSentinelFailsTheTest() {
        frames.add("{\"event\":\"a\"}");
        assertThatThrownBy(() -> Sentinel.before(this::poll, Sentinel::isSentinel, Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("{\"event\":\"a\"}");
    }

    private String poll(long millis) throws InterruptedException {
        return frames.poll(millis, TimeUnit.MILLISECONDS);
    }
}
