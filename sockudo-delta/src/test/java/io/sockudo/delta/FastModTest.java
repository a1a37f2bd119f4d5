package io.sockudo.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FastModTest {

  @Test
  void equalsUnsignedRemainderForEveryDivisorAndValueTried() {
    SplittableRandom rnd = new SplittableRandom(3);
    int[] divisors = {1, 2, 3, 7, 16, 50, 63, 64, 65, 1000, 65_536, 65_537, 1 << 26, (1 << 27) - 1, Integer.MAX_VALUE};
    int[] values = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xFFFF, 0x10000, 0xFFFF0000};
    for (int d : divisors) {
      long m = FastMod.multiplier(d);
      for (int x : values) {
        assertThat(FastMod.mod(x, m, d)).as("%d mod %d", Integer.toUnsignedLong(x), d)
            .isEqualTo(Integer.remainderUnsigned(x, d));
      }
      for (int i = 0; i < 20_000; i++) {
        int x = rnd.nextInt();
        assertThat(FastMod.mod(x, m, d)).isEqualTo(Integer.remainderUnsigned(x, d));
      }
    }
    for (int i = 0; i < 2_000; i++) {
      int d = 1 + rnd.nextInt(Integer.MAX_VALUE);
      long m = FastMod.multiplier(d);
      int x = rnd.nextInt();
      assertThat(FastMod.mod(x, m, d)).isEqualTo(Integer.remainderUnsigned(x, d));
    }
  }
}
