package io.sockudo.delta;

/**
 * Fossil's rolling hash of a 16-byte window: {@code a = sum z[k]} and
 * {@code b = sum (16-k) z[k]}, both mod 2^16, over bytes read as C {@code char}s, which are
 * signed on the platforms Fossil ships for (Java's {@code byte} is too); the hash is
 * {@code a | b << 16}.
 */
final class FossilHash {
  static final int WINDOW = 16;

  private FossilHash() {
  }

  /** The hash of {@code z[p, p+16)}. */
  static int of(byte[] z, int p) {
    int a = z[p];
    int b = a;
    for (int k = 1; k < WINDOW; k++) {
      a += z[p + k];
      b += a;
    }
    return (a & 0xffff) | (b << 16);
  }
}
