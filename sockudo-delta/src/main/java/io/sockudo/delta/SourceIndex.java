package io.sockudo.delta;

import java.util.Arrays;

/**
 * Hash chains over the 4-byte strings of the base, so the VCDIFF matcher can find earlier
 * occurrences of what it is looking at. Positions are sampled every 4th byte of bases up to
 * 16 KiB, every 8th up to 16 MiB, every 16th beyond: a match of at least {@code 3 + step} bytes
 * is always found, the matcher's lookahead finds it within {@code step} bytes of its start, and
 * backward extension recovers the rest. Sampling keeps building the index a small part of the
 * work; on edited messages it costs almost no compression, because realigning after an edit is
 * the job of the matcher's exhaustive local index.
 *
 * <p>Entries hold {@code epoch + position + 1}. Each build starts a new epoch above every value
 * stored before, so older entries read as empty and the tables need no clearing between calls.
 */
final class SourceIndex {
  static final int KEY = 4;

  private int[] head = new int[0];
  private int[] chain = new int[0];
  private int bits;
  private int shift;
  /** Entries at or below this value belong to earlier builds. */
  private int epoch;
  private int nextEpoch;

  // the base of the current encode call, indexed when first needed
  private byte[] src;
  private int off;
  private int len;
  private boolean built;

  /**
   * Sets the base for the next lookups without indexing it yet: deltas of edited messages
   * usually find everything through the matcher's continuation and local candidates, and then
   * never pay for this index.
   */
  void reset(byte[] src, int off, int len) {
    this.src = src;
    this.off = off;
    this.len = len;
    built = false;
    bits = 0;
    shift = stepShift(len);
  }

  /** Forgets the base array. */
  void release() {
    src = null;
  }

  boolean built() {
    return built;
  }

  /** Indexes the base given to {@link #reset}, once per call. */
  void build() {
    if (!built) {
      built = true;
      build(src, off, len);
    }
  }

  /** Indexes {@code src[off, off+len)}. */
  private void build(byte[] src, int off, int len) {
    if (len < KEY) {
      bits = 0;
      return;
    }
    int entries = ((len - KEY) >> shift) + 1;
    // about one bucket per entry; chains stay short without a table much larger than the input
    bits = Math.max(8, Math.min(22, 32 - Integer.numberOfLeadingZeros(entries - 1)));
    int size = 1 << bits;
    if (head.length < size) {
      head = new int[size];
      nextEpoch = 0;
    }
    if (chain.length < entries) {
      chain = new int[Math.max(entries, chain.length * 2)];
    }
    if (nextEpoch > Integer.MAX_VALUE - len - 1) {
      Arrays.fill(head, 0);
      nextEpoch = 0;
    }
    int base = nextEpoch;
    epoch = base;
    nextEpoch = base + len + 1;
    int[] head = this.head;
    int[] chain = this.chain;
    int step = 1 << shift;
    int hashShift = 32 - bits;
    for (int p = 0, e = 0; p <= len - KEY; p += step, e++) {
      int h = (MatchLength.key(src, off + p) * 0x9E3779B1) >>> hashShift;
      chain[e] = head[h];
      head[h] = base + p + 1;
    }
  }

  static int stepShift(int len) {
    if (len <= (16 << 10)) {
      return 2;
    }
    return len <= (16 << 20) ? 3 : 4;
  }

  /** Distance between indexed positions. */
  int step() {
    return 1 << shift;
  }

  /** Most recent indexed position + 1 whose 4 bytes hash like {@code key}, or 0. */
  int first(int key) {
    if (bits == 0) {
      return 0;
    }
    return live(head[(key * 0x9E3779B1) >>> (32 - bits)]);
  }

  /** The indexed position + 1 before {@code pos} in its chain, or 0. */
  int next(int pos) {
    return live(chain[pos >> shift]);
  }

  private int live(int entry) {
    int v = entry - epoch;
    return v > 0 ? v : 0;
  }
}
