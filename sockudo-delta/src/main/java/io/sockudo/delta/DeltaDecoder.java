package io.sockudo.delta;

/**
 * Applies deltas of one {@link DeltaCodec}, keeping its small scratch state between calls.
 *
 * <p>Every malformed, truncated or corrupt delta raises {@link DeltaException}. The output never
 * grows beyond the codec's maximum target size, and memory is allocated only for bytes the delta
 * actually produces, never for a length it merely declares.
 *
 * <p>Not thread-safe: keep one per thread.
 */
public interface DeltaDecoder {

  DeltaCodec codec();

  /**
   * Appends the result of applying {@code delta[deltaOff, deltaOff+deltaLen)} to
   * {@code base[baseOff, baseOff+baseLen)} to {@code out}. On failure {@code out} may hold a
   * partial result past its original length.
   *
   * @return the number of bytes appended
   * @throws DeltaException if the delta is malformed, corrupt or does not fit the limits
   */
  int decode(byte[] base, int baseOff, int baseLen,
             byte[] delta, int deltaOff, int deltaLen, DeltaOutput out);

  default byte[] decode(byte[] base, byte[] delta) {
    DeltaOutput out = new DeltaOutput(0);
    decode(base, 0, base.length, delta, 0, delta.length, out);
    return out.toExactArray();
  }
}
