package io.sockudo.delta;

import java.util.Arrays;

/**
 * The COPY address caches of RFC 3284 (section 5.1) for the default code table: four NEAR slots
 * filled round-robin and three SAME blocks of 256 addresses, reset at every window and updated
 * after every COPY identically by encoder and decoder.
 *
 * <p>Modes: 0 SELF (the address itself), 1 HERE (distance back from the current position),
 * 2..5 NEAR (offset from a recent address), 6..8 SAME (one raw byte selecting a cached address).
 */
final class AddressCache {
  static final int NEAR_SIZE = 4;
  static final int SAME_SIZE = 3 * 256;

  final int[] near = new int[NEAR_SIZE];
  private final int[] same = new int[SAME_SIZE];
  /** same[i] is valid only if stamp[i] == generation, else it holds its reset value 0. */
  private final int[] stamp = new int[SAME_SIZE];
  private int generation;
  private int nextSlot;

  /** Back to the state at the start of a window; O(1) instead of clearing 768 entries. */
  void reset() {
    Arrays.fill(near, 0);
    nextSlot = 0;
    if (++generation == 0) {
      Arrays.fill(stamp, 0);
      generation = 1;
    }
  }

  void update(int addr) {
    near[nextSlot] = addr;
    nextSlot = (nextSlot + 1) & (NEAR_SIZE - 1);
    int slot = addr % SAME_SIZE;
    same[slot] = addr;
    stamp[slot] = generation;
  }

  /** The address in SAME slot {@code slot} (block * 256 + byte). */
  int same(int slot) {
    return stamp[slot] == generation ? same[slot] : 0;
  }

  /**
   * Cheapest encoding of {@code addr} at {@code here} among SELF, HERE and NEAR (modes 0..5),
   * packed as {@code value << 4 | mode}; the value is a non-negative int, so the packing fits a
   * long without loss.
   */
  long bestNonSame(int addr, int here) {
    int bestMode = 0;
    int bestValue = addr;
    int bestLen = VcdiffInts.length(addr);
    if (bestLen > 1) {
      int d = here - addr;
      int len = VcdiffInts.length(d);
      if (len < bestLen) {
        bestMode = 1;
        bestValue = d;
        bestLen = len;
      }
      for (int i = 0; i < NEAR_SIZE && bestLen > 1; i++) {
        d = addr - near[i];
        if (d >= 0) {
          len = VcdiffInts.length(d);
          if (len < bestLen) {
            bestMode = 2 + i;
            bestValue = d;
            bestLen = len;
          }
        }
      }
    }
    return ((long) bestValue << 4) | bestMode;
  }

  /** Whether SAME mode can encode {@code addr} (in one byte). */
  boolean inSame(int addr) {
    return same(addr % SAME_SIZE) == addr;
  }

  /** Bytes the cheapest mode needs for {@code addr} at {@code here}. */
  int cost(int addr, int here) {
    if (inSame(addr)) {
      return 1;
    }
    return VcdiffInts.length((int) (bestNonSame(addr, here) >>> 4));
  }
}
