package io.sockudo.delta;

/**
 * {@code x mod d} for an unsigned 32-bit {@code x} and a fixed positive divisor, with two
 * multiplications instead of a 64-bit division (Lemire, Kaser and Kurz, "Faster Remainder by
 * Direct Computation", 2019). The Fossil encoder reduces a hash modulo the table size at every
 * target byte, where a hardware division would dominate the loop.
 */
final class FastMod {
  private FastMod() {
  }

  /** The multiplier for positive divisor {@code d}: floor((2^64 - 1) / d) + 1, as an unsigned 64-bit value. */
  static long multiplier(int d) {
    // 2^64 - 1 = 2 * Long.MAX_VALUE + 1, so its quotient is twice Long.MAX_VALUE's plus 0 or 1.
    // (Long.divideUnsigned would do, but Java 17 computes it with BigInteger, per message.)
    long q = Long.MAX_VALUE / d;
    long r = Long.MAX_VALUE % d;
    return 2 * q + (2 * r + 1 >= d ? 1 : 0) + 1;
  }

  /** {@code Integer.remainderUnsigned(x, d)}, given {@code m == multiplier(d)}. */
  static int mod(int x, long m, int d) {
    long low = m * (x & 0xffffffffL);
    // high 64 bits of the unsigned 128-bit product low * d; d is positive, so only low's sign
    // needs the correction from signed to unsigned
    return (int) (Math.multiplyHigh(low, d) + ((low >> 63) & d));
  }
}
