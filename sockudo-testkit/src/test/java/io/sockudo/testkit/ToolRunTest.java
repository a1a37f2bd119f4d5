package io.sockudo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ToolRunTest {

    @Test
    void collectsTheExitCodeAndBothStreams() {
        ToolRun.Result r = ToolRun.run(new ProcessBuilder("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(30));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
    }

    @Test
    void aProgramPastItsDeadlineIsKilledWithWhatItStartedAndFailsWithItsOutput() {
        // the child sleeps on with the pipe open: only killing it too ends the run
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "echo started; sleep 60 & wait");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> ToolRun.run(pb, Duration.ofMillis(500)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not finish within")
                .hasMessageContaining("started");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aMissingProgramFailsSayingSo() {
        assertThatThrownBy(() -> ToolRun.run(new ProcessBuilder("no-such-tool-here"), Duration.ofSeconds(5)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("cannot run no-such-tool-here");
    }

    @Test
    void theTailKeepsTheEnd() {
        String tail = ToolRun.tail("x".repeat(10_000) + "the end");
        assertThat(tail).endsWith("the end").hasSizeLessThan(4100);
        assertThat(ToolRun.tail("short")).isEqualTo("short");
    }
}
