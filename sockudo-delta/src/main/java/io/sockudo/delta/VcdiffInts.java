package io.sockudo.delta;

/**
 * RFC 3284 integers: base 128, most significant group first, the high bit set on every byte but
 * the last. This class writes them; {@link VcdiffDecoder} reads them with bounds checks.
 */
final class VcdiffInts {
  private VcdiffInts() {
  }

  /** Encoded length of the non-negative {@code v}. */
  static int length(int v) {
    if (v < (1 << 7)) {
      return 1;
    }
    if (v < (1 << 14)) {
      return 2;
    }
    if (v < (1 << 21)) {
      return 3;
    }
    if (v < (1 << 28)) {
      return 4;
    }
    return 5;
  }

  /** Writes the non-negative {@code v} at {@code pos}; returns the position after it. */
  static int put(byte[] out, int pos, int v) {
    if (v < (1 << 7)) {
      out[pos] = (byte) v;
      return pos + 1;
    }
    int n = length(v);
    int last = pos + n - 1;
    out[last] = (byte) (v & 0x7f);
    for (int i = last - 1; i >= pos; i--) {
      v >>>= 7;
      out[i] = (byte) (0x80 | (v & 0x7f));
    }
    return pos + n;
  }
}
