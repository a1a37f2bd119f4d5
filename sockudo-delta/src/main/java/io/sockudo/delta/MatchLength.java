package io.sockudo.delta;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Lengths of common runs of bytes. */
final class MatchLength {
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private MatchLength() {
  }

  /**
   * How many bytes {@code a[ai..]} and {@code b[bi..]} have in common, up to {@code max}. The
   * ranges may overlap in the same array: a VCDIFF COPY may read bytes it is itself producing,
   * and comparing the finished target reproduces exactly what a decoder will see.
   */
  static int forward(byte[] a, int ai, byte[] b, int bi, int max) {
    if (max >= 8) {
      // most candidates differ within eight bytes: settle those without a call
      long x = (long) LONG_LE.get(a, ai) ^ (long) LONG_LE.get(b, bi);
      if (x != 0) {
        // little-endian: the lowest set bit is in the first differing byte
        return Long.numberOfTrailingZeros(x) >>> 3;
      }
      // long matches: the JDK's vectorized comparison is several times faster per byte
      int m = Arrays.mismatch(a, ai + 8, ai + max, b, bi + 8, bi + max);
      return m < 0 ? max : 8 + m;
    }
    int i = 0;
    while (i < max && a[ai + i] == b[bi + i]) {
      i++;
    }
    return i;
  }

  /**
   * How many bytes before {@code a[ai]} and {@code b[bi]} are equal, up to {@code max}: the
   * common suffix of {@code a[..ai)} and {@code b[..bi)}. Both arrays must hold at least 8 bytes
   * before the positions for the fast path; otherwise, or past 8 bytes, it compares bytewise.
   */
  static int backward(byte[] a, int ai, byte[] b, int bi, int max) {
    if (ai >= 8 && bi >= 8) {
      long x = (long) LONG_LE.get(a, ai - 8) ^ (long) LONG_LE.get(b, bi - 8);
      // little-endian: the highest byte is the one just before the positions; 8 if all equal
      int n = Long.numberOfLeadingZeros(x) >>> 3;
      if (n < 8 || max <= 8) {
        // no branch on max here: the Fossil encoder calls this for every candidate, often with 0
        return Math.max(0, Math.min(max, n));
      }
      while (n < max && a[ai - n - 1] == b[bi - n - 1]) {
        n++;
      }
      return n;
    }
    int n = 0;
    while (n < max && a[ai - n - 1] == b[bi - n - 1]) {
      n++;
    }
    return n;
  }

  /** The four bytes at {@code p} as one int, for hashing and quick comparisons. */
  static int key(byte[] a, int p) {
    return (int) INT_LE.get(a, p);
  }
}
