package io.sockudo.delta;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The checksum in a Fossil delta's trailer: the sum, mod 2^32, of the target read as big-endian
 * 32-bit words, a final partial word padded with zeros on the right.
 */
final class FossilChecksum {
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private FossilChecksum() {
  }

  static int of(byte[] z, int off, int len) {
    int end = off + (len & ~3);
    // a big-endian long is two big-endian words: their sum is the sum of its halves; two
    // independent sums let the CPU overlap the loads
    int s0 = 0;
    int s1 = 0;
    int i = off;
    for (; i + 16 <= end; i += 16) {
      long x = (long) LONG_BE.get(z, i);
      long y = (long) LONG_BE.get(z, i + 8);
      s0 += (int) (x >>> 32) + (int) x;
      s1 += (int) (y >>> 32) + (int) y;
    }
    for (; i < end; i += 4) {
      s0 += (int) INT_BE.get(z, i);
    }
    int sum = s0 + s1;
    int rest = len & 3;
    if (rest > 0) {
      int last = (z[i] & 0xff) << 24;
      if (rest > 1) {
        last |= (z[i + 1] & 0xff) << 16;
      }
      if (rest > 2) {
        last |= (z[i + 2] & 0xff) << 8;
      }
      sum += last;
    }
    return sum;
  }
}
