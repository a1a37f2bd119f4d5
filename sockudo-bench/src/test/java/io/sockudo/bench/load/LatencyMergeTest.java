package io.sockudo.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyMergeTest {

    @TempDir
    Path dir;

    @Test
    void aHistogramSurvivesTheFileUnchanged() {
        Histogram h = new Histogram(LoopStats.MAX_MICROS, 3);
        for (long v = 1; v <= 1_000; v++) {
            h.recordValue(v * 100);
        }
        Path f = dir.resolve("a.hist");
        LatencyMerge.write(h, f);
        Histogram back = LatencyMerge.read(f);
        assertThat(back.getTotalCount()).isEqualTo(1_000);
        assertThat(back.getValueAtPercentile(50)).isEqualTo(h.getValueAtPercentile(50));
        assertThat(back.getMaxValue()).isEqualTo(h.getMaxValue());
    }

    /** The percentile of the whole is not any process's percentile: 99 fast nodes' p99 hides one slow node. */
    @Test
    void percentilesAreTakenOverEveryDeliveryOfEveryProcess() {
        Histogram fast = new Histogram(LoopStats.MAX_MICROS, 3);
        Histogram slow = new Histogram(LoopStats.MAX_MICROS, 3);
        for (int i = 0; i < 900; i++) {
            fast.recordValue(1_000);
        }
        for (int i = 0; i < 100; i++) {
            slow.recordValue(50_000);
        }
        LatencyMerge.write(fast, dir.resolve("fast.hist"));
        LatencyMerge.write(slow, dir.resolve("slow.hist"));
        Histogram all = LatencyMerge.merge(List.of(dir.resolve("fast.hist"), dir.resolve("slow.hist")));
        Result r = LatencyMerge.result("nodes", all);
        assertThat(r.get("deliveries")).isEqualTo("1000");
        assertThat(r.get("latency_p50_ms")).isEqualTo("1.00");
        assertThat(Double.parseDouble(r.get("latency_p99_ms"))).isBetween(49.9, 50.1);
    }

    @Test
    void anEmptyHoldStillMergesToNoDeliveries() {
        LatencyMerge.write(new Histogram(LoopStats.MAX_MICROS, 3), dir.resolve("empty.hist"));
        Result r = LatencyMerge.result("none", LatencyMerge.merge(List.of(dir.resolve("empty.hist"))));
        assertThat(r.get("deliveries")).isEqualTo("0");
        assertThat(r.get("latency_p99_ms")).isEqualTo("n/a");
    }

    @Test
    void aFileThatIsNoHistogramIsNamed() throws Exception {
        Path f = dir.resolve("junk.hist");
        Files.writeString(f, "aGVsbG8=\n");
        assertThatThrownBy(() -> LatencyMerge.read(f)).hasMessageContaining("junk.hist");
    }
}
