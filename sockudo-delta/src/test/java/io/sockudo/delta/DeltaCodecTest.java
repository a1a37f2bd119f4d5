package io.sockudo.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DeltaCodecTest {

  @Test
  void namesAreTheWireNamesOfThePusherProtocol() {
    assertThat(DeltaCodec.fossil().name()).isEqualTo("fossil");
    assertThat(DeltaCodec.vcdiff().name()).isEqualTo("xdelta3");
    assertThat(Vcdiff.withAdler32().name()).isEqualTo("xdelta3");
  }

  @Test
  void forNameFindsTheCodecOfAWireName() {
    assertThat(DeltaCodec.forName("fossil")).isSameAs(DeltaCodec.fossil());
    assertThat(DeltaCodec.forName("xdelta3")).isSameAs(DeltaCodec.vcdiff());
    assertThat(DeltaCodec.forName("vcdiff")).isSameAs(DeltaCodec.vcdiff());
    assertThatThrownBy(() -> DeltaCodec.forName("bsdiff")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown delta codec 'bsdiff'");
  }

  @Test
  void theDefaultVcdiffIsPlainAndTheChecksummedOneIsExplicit() {
    assertThat(DeltaCodec.vcdiff().adler32()).isFalse();
    assertThat(Vcdiff.plain()).isSameAs(DeltaCodec.vcdiff());
    assertThat(Vcdiff.withAdler32().adler32()).isTrue();
    assertThat(DeltaCodec.vcdiff().windowSize()).isEqualTo(Vcdiff.DEFAULT_WINDOW_SIZE);
  }

  @Test
  void configurationMakesNewCodecsAndValidatesItsValues() {
    Vcdiff small = DeltaCodec.vcdiff().withWindowSize(100).withMaxTargetSize(1000);
    assertThat(small.windowSize()).isEqualTo(100);
    assertThat(small.maxTargetSize()).isEqualTo(1000);
    assertThat(DeltaCodec.vcdiff().maxTargetSize()).isEqualTo(DeltaCodec.DEFAULT_MAX_TARGET_SIZE);
    assertThat(DeltaCodec.fossil().withMaxTargetSize(5).maxTargetSize()).isEqualTo(5);
    assertThatThrownBy(() -> DeltaCodec.vcdiff().withWindowSize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeltaCodec.vcdiff().withWindowSize(Vcdiff.MAX_WINDOW_SIZE + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeltaCodec.fossil().withMaxTargetSize(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void codecObjectsAreSharedSafelyBetweenThreads() throws Exception {
    List<TestPairs.Pair> pairs = new ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(8);
    for (int i = 0; i < 40; i++) {
      pairs.add(RoundTripPropertyTest.randomPair(rnd, i));
    }
    for (DeltaCodec codec : List.of(DeltaCodec.fossil(), DeltaCodec.vcdiff())) {
      List<byte[]> expected = new ArrayList<>();
      for (TestPairs.Pair p : pairs) {
        expected.add(codec.encode(p.base(), p.target()));
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          futures.add(pool.submit(() -> {
            for (int round = 0; round < 5; round++) {
              for (int i = 0; i < pairs.size(); i++) {
                TestPairs.Pair p = pairs.get(i);
                byte[] delta = codec.encode(p.base(), p.target());
                assertThat(delta).isEqualTo(expected.get(i));
                assertThat(codec.decode(p.base(), delta)).isEqualTo(p.target());
              }
            }
          }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void rangesOutsideTheArraysAreCallerBugsNotMalformedDeltas() {
    DeltaOutput out = new DeltaOutput();
    for (DeltaCodec codec : List.of(DeltaCodec.fossil(), DeltaCodec.vcdiff())) {
      assertThatThrownBy(() -> codec.encode(new byte[4], 2, 3, new byte[4], 0, 4, out))
          .isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> codec.decode(new byte[4], 0, 4, new byte[4], -1, 2, out))
          .isInstanceOf(IndexOutOfBoundsException.class);
    }
  }

  @Test
  void deltaOutputResetKeepsItsStorageAndCopiesAreExact() {
    DeltaOutput out = new DeltaOutput(4);
    byte[] target = TestPairs.text(new SplittableRandom(1), 500);
    int n = DeltaCodec.fossil().encode(new byte[0], 0, 0, target, 0, target.length, out);
    assertThat(out.length()).isEqualTo(n);
    byte[] storage = out.array();
    out.reset();
    assertThat(out.length()).isZero();
    DeltaCodec.fossil().encode(new byte[0], 0, 0, target, 0, target.length, out);
    assertThat(out.array()).isSameAs(storage);
    assertThat(out.toByteArray()).hasSize(n).isEqualTo(DeltaCodec.fossil().encode(new byte[0], target));
    assertThatThrownBy(() -> new DeltaOutput(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
