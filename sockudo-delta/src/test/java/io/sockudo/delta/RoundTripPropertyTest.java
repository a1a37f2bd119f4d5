package io.sockudo.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** decode(base, encode(base, target)) == target, for many random pairs and every codec variant. */
class RoundTripPropertyTest {
  private static final int PAIRS = 600;

  static Stream<Arguments> codecs() {
    return Stream.of(
        Arguments.of("fossil", DeltaCodec.fossil()),
        Arguments.of("vcdiff", DeltaCodec.vcdiff()),
        Arguments.of("vcdiff-adler32", Vcdiff.withAdler32()),
        Arguments.of("vcdiff-windows-4096", DeltaCodec.vcdiff().withWindowSize(4096)),
        Arguments.of("vcdiff-windows-7", Vcdiff.withAdler32().withWindowSize(7)));
  }

  /** A random pair: mostly a base and an edited copy, sometimes unrelated or degenerate. */
  static TestPairs.Pair randomPair(SplittableRandom rnd, int i) {
    int size = switch (rnd.nextInt(4)) {
      case 0 -> rnd.nextInt(40);
      case 1 -> rnd.nextInt(1000);
      case 2 -> rnd.nextInt(10_000);
      default -> rnd.nextInt(60_000);
    };
    byte[] base = switch (rnd.nextInt(5)) {
      case 0 -> TestPairs.randomBytes(rnd, size);
      case 1 -> TestPairs.highBytes(rnd, size);
      case 2 -> TestPairs.runs(rnd, size);
      case 3 -> TestPairs.utf8Text(rnd, size);
      default -> TestPairs.text(rnd, size);
    };
    byte[] target = switch (rnd.nextInt(6)) {
      case 0 -> TestPairs.randomBytes(rnd, rnd.nextInt(2000));
      case 1 -> base.clone();
      case 2 -> TestPairs.concat(TestPairs.edit(rnd, base, 3), TestPairs.edit(rnd, base, 3));
      default -> TestPairs.edit(rnd, base, 1 + rnd.nextInt(20));
    };
    return new TestPairs.Pair("random-" + i, base, target);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("codecs")
  void decodingTheEncodingGivesTheTarget(String name, DeltaCodec codec) {
    SplittableRandom rnd = new SplittableRandom(name.hashCode());
    DeltaEncoder encoder = codec.newEncoder();
    DeltaDecoder decoder = codec.newDecoder();
    for (int i = 0; i < PAIRS; i++) {
      TestPairs.Pair p = randomPair(rnd, i);
      byte[] delta = encoder.encode(p.base(), p.target());
      assertThat(decoder.decode(p.base(), delta)).as("%s %s", name, p).isEqualTo(p.target());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("codecs")
  void aReusedEncoderWritesWhatAFreshOneWrites(String name, DeltaCodec codec) {
    SplittableRandom rnd = new SplittableRandom(7);
    DeltaEncoder reused = codec.newEncoder();
    // sizes up and down, so stale table entries from a larger earlier input would show
    for (int i = 0; i < 120; i++) {
      TestPairs.Pair p = randomPair(rnd, i);
      assertThat(reused.encode(p.base(), p.target())).as("%s %s", name, p)
          .isEqualTo(codec.newEncoder().encode(p.base(), p.target()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("codecs")
  void rangesInsideLargerArraysEncodeAndDecodeLikeWholeArrays(String name, DeltaCodec codec) {
    SplittableRandom rnd = new SplittableRandom(11);
    DeltaEncoder encoder = codec.newEncoder();
    DeltaDecoder decoder = codec.newDecoder();
    DeltaOutput out = new DeltaOutput(16);
    for (int i = 0; i < 80; i++) {
      TestPairs.Pair p = randomPair(rnd, i);
      byte[] base = embed(rnd, p.base());
      byte[] target = embed(rnd, p.target());
      int bo = base.length - p.base().length - 13;
      int to = target.length - p.target().length - 13;

      out.reset();
      out.write(0x55); // appending after existing content
      int n = encoder.encode(base, bo, p.base().length, target, to, p.target().length, out);
      assertThat(n).isEqualTo(out.length() - 1);
      byte[] delta = Arrays.copyOfRange(out.array(), 1, out.length());
      assertThat(delta).as("%s %s", name, p).isEqualTo(codec.encode(p.base(), p.target()));

      byte[] paddedDelta = embed(rnd, delta);
      out.reset();
      int m = decoder.decode(base, bo, p.base().length, paddedDelta, paddedDelta.length - delta.length - 13,
          delta.length, out);
      assertThat(m).isEqualTo(p.target().length);
      assertThat(out.toByteArray()).as("%s %s", name, p).isEqualTo(p.target());
    }
  }

  /** {@code content} with random bytes before it and 13 after. */
  private static byte[] embed(SplittableRandom rnd, byte[] content) {
    byte[] before = TestPairs.randomBytes(rnd, rnd.nextInt(50));
    return TestPairs.concat(TestPairs.concat(before, content), TestPairs.randomBytes(rnd, 13));
  }

  static List<DeltaCodec> all() {
    return codecs().map(a -> (DeltaCodec) a.get()[1]).toList();
  }
}
