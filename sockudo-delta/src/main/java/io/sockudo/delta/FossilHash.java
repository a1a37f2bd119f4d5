package io.sockudo.delta;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Fossil's rolling hash of a 16-byte window: {@code a = sum z[k]} and
 * {@code b = sum (16-k) z[k]}, both mod 2^16, over bytes read as C {@code char}s, which are
 * signed on the platforms Fossil ships for (Java's {@code byte} is too); the hash is
 * {@code a | b << 16}.
 */
final class FossilHash {
  static final int WINDOW = 16;
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long SIGN_BITS = 0x8080_8080_8080_8080L;
  private static final long LOW_BYTES = 0x00ff_00ff_00ff_00ffL;
  private static final long ONES = 0x0001_0001_0001_0001L;
  /** Lane weights whose top-lane product is {@code 8 u0 + 6 u2 + 4 u4 + 2 u6}. */
  private static final long EVEN_WEIGHTS = 0x0008_0006_0004_0002L;
  /** Lane weights whose top-lane product is {@code 7 u1 + 5 u3 + 3 u5 + 1 u7}. */
  private static final long ODD_WEIGHTS = 0x0007_0005_0003_0001L;

  private FossilHash() {
  }

  /** The hash of {@code z[p, p+16)}. */
  static int of(byte[] z, int p) {
    return of((long) LONG_LE.get(z, p), (long) LONG_LE.get(z, p + 8));
  }

  /** The eight bytes at {@code p}, little-endian, as {@link #of(long, long)} takes them. */
  static long word(byte[] z, int p) {
    return (long) LONG_LE.get(z, p);
  }

  /**
   * The hash of the 16 bytes whose little-endian halves are {@code w0} and {@code w1}: two
   * 8-byte reads instead of a 16-step chain of dependent additions (the index of a base hashes
   * every 16-byte block of it).
   *
   * <p>Flipping each byte's top bit turns a signed byte {@code s} into {@code u = s + 128},
   * an unsigned one; the sums of {@code u} then come from SIMD-within-a-register arithmetic:
   * even and odd bytes spread into 16-bit lanes, and one multiplication sums the lanes with
   * weights into the top lane (no lane ever exceeds 16 bits, so no carry crosses into it).
   * With {@code S} the sum of all 16 {@code u}, {@code S0} that of the first 8 and {@code W}
   * the sum of {@code (8 - j) * u} over the bytes {@code j} of each half:
   * {@code a = S - 16 * 128} and {@code b = 8 * S0 + W - 136 * 128}, since the weights
   * {@code 16 - k} are {@code 8 + (8 - k)} on the first half and {@code 8 - (k - 8)} on the second.
   */
  static int of(long w0, long w1) {
    long x0 = w0 ^ SIGN_BITS;
    long x1 = w1 ^ SIGN_BITS;
    long even = (x0 & LOW_BYTES) + (x1 & LOW_BYTES);
    long odd = ((x0 >>> 8) & LOW_BYTES) + ((x1 >>> 8) & LOW_BYTES);
    long first = (x0 & LOW_BYTES) + ((x0 >>> 8) & LOW_BYTES);
    int sum = (int) (((even + odd) * ONES) >>> 48);
    int sumFirst = (int) ((first * ONES) >>> 48);
    int weighted = (int) ((even * EVEN_WEIGHTS + odd * ODD_WEIGHTS) >>> 48);
    int a = sum - WINDOW * 128;
    int b = 8 * sumFirst + weighted - 136 * 128;
    return (a & 0xffff) | (b << 16);
  }
}
