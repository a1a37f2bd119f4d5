package io.sockudo.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mutated, truncated and random deltas: a decoder either throws {@link DeltaException} or returns
 * a result, never any other exception, never an out-of-memory error. When the format carries a
 * checksum (Fossil, VCDIFF with Adler-32) a result that is returned has the target's checksum:
 * the decoder verified it (both checksums are weak sums, so a mutant can reorder equal words).
 */
class DecoderFuzzTest {
  private static final int MUTATIONS_PER_DELTA = 400;
  /** Small enough that a forged length cannot make the test run out of heap. */
  private static final int MAX_TARGET = 1 << 20;

  private record Case(DeltaCodec codec, boolean checksummed) {
  }

  private static final List<Case> CASES = List.of(
      new Case(DeltaCodec.fossil().withMaxTargetSize(MAX_TARGET), true),
      new Case(DeltaCodec.vcdiff().withMaxTargetSize(MAX_TARGET), false),
      new Case(Vcdiff.withAdler32().withMaxTargetSize(MAX_TARGET), true),
      new Case(DeltaCodec.vcdiff().withWindowSize(512).withMaxTargetSize(MAX_TARGET), false));

  private static List<TestPairs.Pair> seeds() {
    SplittableRandom rnd = new SplittableRandom(99);
    List<TestPairs.Pair> pairs = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      pairs.add(RoundTripPropertyTest.randomPair(rnd, i));
    }
    pairs.add(new TestPairs.Pair("runs", TestPairs.text(rnd, 300), TestPairs.runs(rnd, 3000)));
    pairs.add(new TestPairs.Pair("empty", new byte[0], new byte[0]));
    return pairs;
  }

  @Test
  void mutatedDeltasFailOnlyWithDeltaException() {
    SplittableRandom rnd = new SplittableRandom(1234);
    int decoded = 0;
    int rejected = 0;
    for (Case c : CASES) {
      DeltaDecoder decoder = c.codec().newDecoder();
      for (TestPairs.Pair p : seeds()) {
        byte[] delta = c.codec().encode(p.base(), p.target());
        for (int m = 0; m < MUTATIONS_PER_DELTA; m++) {
          byte[] mutant = mutate(rnd, delta);
          if (decodeOrReject(decoder, c, p, mutant)) {
            decoded++;
          } else {
            rejected++;
          }
        }
      }
    }
    assertThat(rejected).as("mutants rejected").isGreaterThan(decoded / 10);
  }

  @Test
  void everyTruncationFailsOnlyWithDeltaException() {
    for (Case c : CASES) {
      DeltaDecoder decoder = c.codec().newDecoder();
      for (TestPairs.Pair p : seeds()) {
        byte[] delta = c.codec().encode(p.base(), p.target());
        for (int n = 0; n < delta.length; n++) {
          decodeOrReject(decoder, c, p, Arrays.copyOf(delta, n));
        }
      }
    }
  }

  @Test
  void randomBytesBehindAValidHeaderFailOnlyWithDeltaException() {
    SplittableRandom rnd = new SplittableRandom(4321);
    byte[] base = TestPairs.text(rnd, 2000);
    TestPairs.Pair p = new TestPairs.Pair("random", base, new byte[0]);
    for (Case c : CASES) {
      DeltaDecoder decoder = c.codec().newDecoder();
      byte[] header = c.codec() instanceof Fossil ? "1e\n".getBytes() : new byte[] {(byte) 0xD6, (byte) 0xC3, (byte) 0xC4, 0, 0};
      for (int i = 0; i < 3000; i++) {
        byte[] delta = TestPairs.concat(header, TestPairs.randomBytes(rnd, rnd.nextInt(64)));
        try {
          decoder.decode(base, delta);
        } catch (DeltaException expected) {
          // the documented failure
        } catch (Throwable t) {
          fail(c.codec() + " threw " + t + " on " + Arrays.toString(delta), t);
        }
      }
    }
    assertThat(p.base()).isNotEmpty();
  }

  /** Returns true if the mutant decoded, false if it was rejected; fails on anything else. */
  private static boolean decodeOrReject(DeltaDecoder decoder, Case c, TestPairs.Pair p, byte[] mutant) {
    byte[] out;
    try {
      out = decoder.decode(p.base(), mutant);
    } catch (DeltaException expected) {
      return false;
    } catch (Throwable t) {
      return fail(c.codec() + " threw " + t + " on a mutant of " + p + ": " + Arrays.toString(mutant), t);
    }
    assertThat(out.length).isLessThanOrEqualTo(MAX_TARGET);
    if (c.checksummed() && c.codec() instanceof Fossil) {
      assertThat(out.length).as("length of an accepted mutant of %s", p).isEqualTo(p.target().length);
      assertThat(FossilChecksum.of(out, 0, out.length)).as("checksum of an accepted mutant of %s", p)
          .isEqualTo(FossilChecksum.of(p.target(), 0, p.target().length));
    } else if (c.checksummed() && out.length > 0) {
      assertThat(adler32(out)).as("Adler-32 of an accepted mutant of %s", p).isEqualTo(adler32(p.target()));
    }
    return true;
  }

  private static long adler32(byte[] b) {
    java.util.zip.Adler32 a = new java.util.zip.Adler32();
    a.update(b);
    return a.getValue();
  }

  /** One to three random byte flips, overwrites, insertions, deletions or varint-length bumps. */
  static byte[] mutate(SplittableRandom rnd, byte[] delta) {
    byte[] d = delta.clone();
    for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
      if (d.length == 0) {
        return new byte[] {(byte) rnd.nextInt(256)};
      }
      int at = rnd.nextInt(d.length);
      switch (rnd.nextInt(6)) {
        case 0 -> d[at] ^= (byte) (1 << rnd.nextInt(8));
        case 1 -> d[at] = (byte) rnd.nextInt(256);
        case 2 -> d[at] = (byte) (rnd.nextBoolean() ? 0xff : 0x80);
        case 3 -> d = TestPairs.concat(Arrays.copyOf(d, at),
            TestPairs.concat(TestPairs.randomBytes(rnd, 1 + rnd.nextInt(4)), Arrays.copyOfRange(d, at, d.length)));
        case 4 -> d = TestPairs.concat(Arrays.copyOf(d, at), Arrays.copyOfRange(d, Math.min(d.length, at + 1 + rnd.nextInt(4)), d.length));
        default -> d[at] = (byte) (d[at] + (rnd.nextBoolean() ? 1 : -1));
      }
    }
    return d;
  }
}
