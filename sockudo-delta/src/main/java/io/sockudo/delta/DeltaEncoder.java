package io.sockudo.delta;

/**
 * Makes deltas for one {@link DeltaCodec}, keeping its scratch state (hash tables, section
 * buffers) between calls so that encoding a stream of messages allocates nothing.
 *
 * <p>Not thread-safe: keep one per thread, e.g. one per I/O thread of a server.
 */
public interface DeltaEncoder {

  DeltaCodec codec();

  /**
   * Appends the delta from {@code base[baseOff, baseOff+baseLen)} to
   * {@code target[targetOff, targetOff+targetLen)} to {@code out}.
   *
   * @return the number of bytes appended
   */
  int encode(byte[] base, int baseOff, int baseLen,
             byte[] target, int targetOff, int targetLen, DeltaOutput out);

  default byte[] encode(byte[] base, byte[] target) {
    DeltaOutput out = new DeltaOutput(target.length / 4 + 64);
    encode(base, 0, base.length, target, 0, target.length, out);
    return out.toExactArray();
  }
}
