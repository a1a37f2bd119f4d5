package io.sockudo.delta;

/**
 * Fossil's integers: unsigned 32-bit, base 64, most significant digit first, with no length
 * prefix or terminator (the next non-digit ends them).
 */
final class FossilNumbers {
  static final byte[] DIGITS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~".getBytes(
          java.nio.charset.StandardCharsets.US_ASCII);

  /** Digit value of each byte, or -1. Bytes >= 0x80 are not digits (Fossil masks them to 7 bits; we are stricter). */
  private static final byte[] VALUES = new byte[256];

  /** A u32 needs at most 6 base-64 digits. */
  static final int MAX_DIGITS = 6;

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < DIGITS.length; i++) {
      VALUES[DIGITS[i]] = (byte) i;
    }
  }

  private FossilNumbers() {
  }

  /** Number of digits of the unsigned value {@code v}: one per 6 significant bits, at least one. */
  static int digitCount(int v) {
    // branch-free: the encoder calls this for every candidate match, with unpredictable values
    return Math.max(1, (37 - Integer.numberOfLeadingZeros(v)) / 6);
  }

  /** Writes the unsigned value {@code v} at {@code pos}; returns the position after it. */
  static int put(byte[] out, int pos, int v) {
    int n = digitCount(v);
    int end = pos + n;
    for (int i = end - 1; i >= pos; i--) {
      out[i] = DIGITS[v & 63];
      v >>>= 6;
    }
    return end;
  }

  /** Digit value of {@code b}, or -1 if it is not a digit. */
  static int value(byte b) {
    return VALUES[b & 0xff];
  }
}
