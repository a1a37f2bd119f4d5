package io.sockudo.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FossilHashTest {

  @Test
  void equalsTheChainOfAdditionsOnEveryWindowTried() {
    SplittableRandom rnd = new SplittableRandom(11);
    byte[] z = new byte[4096];
    rnd.nextBytes(z);
    for (int p = 0; p + FossilHash.WINDOW <= z.length; p++) {
      assertThat(FossilHash.of(z, p)).as("window at %d", p).isEqualTo(reference(z, p));
    }
  }

  @Test
  void extremeBytesKeepTheirSign() {
    for (byte fill : new byte[] {0, 1, 127, -128, -1}) {
      byte[] z = new byte[FossilHash.WINDOW];
      Arrays.fill(z, fill);
      assertThat(FossilHash.of(z, 0)).as("all %d", fill).isEqualTo(reference(z, 0));
    }
    byte[] alternating = new byte[FossilHash.WINDOW + 3];
    for (int i = 0; i < alternating.length; i++) {
      alternating[i] = (byte) (i % 2 == 0 ? 127 : -128);
    }
    for (int p = 0; p < 4; p++) {
      assertThat(FossilHash.of(alternating, p)).isEqualTo(reference(alternating, p));
    }
  }

  /** The definition: {@code a += z[k]; b += a} over the window, bytes sign-extended. */
  private static int reference(byte[] z, int p) {
    int a = z[p];
    int b = a;
    for (int k = 1; k < FossilHash.WINDOW; k++) {
      a += z[p + k];
      b += a;
    }
    return (a & 0xffff) | (b << 16);
  }
}
