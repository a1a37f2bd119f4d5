package io.sockudo.delta;

import java.util.Arrays;

/**
 * Finds the instructions for one VCDIFF target window: a greedy parse with lazy evaluation,
 * where every candidate match is extended forwards and backwards and scored by the bytes it
 * saves over literal data, using the address cost the current cache state really gives.
 *
 * <p>Candidates at each position, cheapest first:
 * <ul>
 *   <li>the continuation of the last copy from the base on its diagonal: an edit that keeps the
 *       length (new digits of a number) realigns there, and the NEAR cache makes its address one
 *       byte;
 *   <li>every base position from just before to a few dozen bytes after where that copy ended
 *       (a small exhaustive index, built once per copy): edits that change the length realign
 *       there;
 *   <li>earlier occurrences in the base, from {@link SourceIndex}. It is built only when the
 *       candidates above have not found a match within {@value #LOCAL_REACH} bytes of the last
 *       copy, which for an edited message may be never;
 *   <li>earlier occurrences in this window of the target, from a hash chain over the positions
 *       seen as literal data (positions inside copies need no entry: their bytes can be copied
 *       from where the copy took them);
 *   <li>a run of one byte value.
 * </ul>
 * A match shorter than {@value #LAZY_LIMIT} bytes is taken only after the next few positions
 * (at least the base index's sampling step) offer nothing better.
 */
final class VcdiffMatcher {
  static final int MIN_MATCH = SourceIndex.KEY;
  /** Base candidates examined per position. */
  private static final int SOURCE_CHAIN = 16;
  /** Target candidates examined per position. */
  private static final int TARGET_CHAIN = 8;
  /** A match this long ends the search: a longer one would save at most a byte or two more. */
  private static final int GOOD_ENOUGH = 128;
  /** Shorter matches are compared with what the next few positions offer before being taken. */
  private static final int LAZY_LIMIT = 32;
  /** A copy must save at least this many bytes over literal data. */
  private static final int MIN_GAIN = 1;

  /** The local index covers base positions from this far before the end of the last copy... */
  private static final int LOCAL_BACK = 8;
  /** ...to this many positions in all. */
  private static final int LOCAL_SPAN = 64;
  private static final int LOCAL_BITS = 8;
  /**
   * Target bytes after the last copy that only the diagonal searches: an edit that keeps the
   * length (a digit of a price) realigns there by itself. Waiting loses nothing, because a match
   * found later extends back to its true start.
   */
  private static final int LOCAL_DELAY = 8;
  /**
   * Target bytes after the last copy that only continuation and local candidates search; past
   * them the base index is built. Edits of messages are mostly shorter, so it often never is.
   */
  private static final int LOCAL_REACH = 16;

  private static final int NONE = 0;
  private static final int SOURCE = 1;
  private static final int TARGET = 2;
  private static final int RUN = 3;

  /** Target index: entries hold epoch + position + 1, so windows need not clear it (see SourceIndex). */
  private int[] targetHead = new int[0];
  private int[] targetPrev = new int[0];
  private int targetBits;
  private int targetEpoch;
  private int nextTargetEpoch;
  /** Positions searched after a short match, at least the base index's sampling step. */
  private int lookahead;

  // the window being matched
  private byte[] src;
  private int srcOff;
  private int srcLen;
  private SourceIndex index;
  private byte[] tgt;
  private int tgtOff;
  private int tgtLen;
  private AddressCache cache;

  // end of the last copy from the base, for continuation candidates; lastSrcEnd -1 if none
  private int lastSrcEnd;
  private int lastTgtEnd;
  /** Whether this window made a copy from the base yet; until then the base index is searched at once. */
  private boolean anchored;

  // every base position near lastSrcEnd, indexed when first needed after each copy
  private final int[] localHead = new int[1 << LOCAL_BITS];
  private final int[] localNext = new int[LOCAL_SPAN];
  /** localHead[h] is valid only if localStamp[h] == localGeneration: no clearing per build. */
  private final int[] localStamp = new int[1 << LOCAL_BITS];
  private int localGeneration;
  private int localFrom;
  private boolean localBuilt;

  // the best candidate of the last search
  private int kind;
  private int start;
  private int length;
  private int address;
  private int gain;

  /**
   * Matches {@code tgt[tgtOff, tgtOff+tgtLen)}, which starts {@code windowStart} bytes into the
   * whole target, against the base and itself and writes its instructions to {@code writer}.
   * Addresses use segment = the whole base.
   */
  void matchWindow(byte[] src, int srcOff, int srcLen, SourceIndex index,
                   byte[] tgt, int tgtOff, int tgtLen, int windowStart, VcdiffInstructionWriter writer) {
    this.src = src;
    this.srcOff = srcOff;
    this.srcLen = srcLen;
    this.index = index;
    this.tgt = tgt;
    this.tgtOff = tgtOff;
    this.tgtLen = tgtLen;
    this.cache = writer.cache;
    // versions of one message start alike: the first continuation is the aligned diagonal
    lastSrcEnd = windowStart <= srcLen ? windowStart : -1;
    lastTgtEnd = 0;
    localBuilt = false;
    anchored = false;
    lookahead = Math.max(2, index.step());
    prepareTargetIndex(tgtLen);
    try {
      scan(writer);
    } finally {
      this.src = null;
      this.tgt = null;
      this.index = null;
    }
  }

  private void scan(VcdiffInstructionWriter writer) {
    int lit = 0;
    int p = 0;
    int last = tgtLen - MIN_MATCH;
    while (p <= last) {
      kind = NONE;
      length = 0;
      gain = MIN_GAIN - 1;
      search(p, lit);
      if (kind == NONE) {
        insert(p);
        p++;
        continue;
      }
      if (length < LAZY_LIMIT) {
        // A sampled base index finds a long match only up to 'step' bytes after its start, and
        // a short match taken now would stop its backward extension: look a few bytes ahead
        // for a candidate that beats it.
        int horizon = Math.min(Math.min(last, start + length - 1), p + lookahead);
        for (int q = p + 1; q <= horizon; q++) {
          insert(q - 1);
          int before = gain;
          search(q, lit);
          if (gain > before) {
            horizon = Math.min(Math.min(last, start + length - 1), q + lookahead);
          }
        }
      }
      if (start > lit) {
        writer.add(tgt, tgtOff + lit, start - lit);
      }
      int end = start + length;
      switch (kind) {
        case SOURCE:
          writer.copy(length, address, srcLen + start);
          lastSrcEnd = address + length;
          lastTgtEnd = end;
          localBuilt = false;
          anchored = true;
          break;
        case TARGET:
          writer.copy(length, address, srcLen + start);
          break;
        default:
          writer.run(length, tgt[tgtOff + start]);
          break;
      }
      p = end;
      lit = end;
    }
    if (lit < tgtLen) {
      writer.add(tgt, tgtOff + lit, tgtLen - lit);
    }
  }

  /**
   * Replaces the best candidate with a better one at {@code p}, if there is one; matches extend
   * back no further than {@code lit}.
   */
  private void search(int p, int lit) {
    int key = MatchLength.key(tgt, tgtOff + p);

    if (lastSrcEnd >= 0) {
      int diagonal = lastSrcEnd + (p - lastTgtEnd);
      if (diagonal <= srcLen - MIN_MATCH && MatchLength.key(src, srcOff + diagonal) == key) {
        trySource(diagonal, p, lit);
      }
      if (p - lastTgtEnd >= LOCAL_DELAY) {
        if (!localBuilt) {
          buildLocal();
        }
        int h = (key * 0x9E3779B1) >>> (32 - LOCAL_BITS);
        int c = localStamp[h] == localGeneration ? localHead[h] : 0;
        for (; c != 0; c = localNext[c - 1]) {
          int s = localFrom + c - 1;
          if (MatchLength.key(src, srcOff + s) == key) {
            trySource(s, p, lit);
          }
        }
      }
    }

    if (index.built() || (!anchored && length < LAZY_LIMIT) || p - lastTgtEnd > LOCAL_REACH) {
      index.build();
      int c = index.first(key);
      for (int n = SOURCE_CHAIN; c != 0 && n > 0 && length < GOOD_ENOUGH; n--) {
        int s = c - 1;
        if (MatchLength.key(src, srcOff + s) == key) {
          trySource(s, p, lit);
        }
        c = index.next(s);
      }
    }

    int c = live(targetHead[hash(key)]);
    for (int n = TARGET_CHAIN; c != 0 && n > 0 && length < GOOD_ENOUGH; n--) {
      int q = c - 1;
      if (MatchLength.key(tgt, tgtOff + q) == key) {
        tryTarget(q, p, lit);
      }
      c = live(targetPrev[q]);
    }

    if (((key ^ (key >>> 8)) & 0xffffff) == 0) {
      tryRun(p, lit);
    }
  }

  private void trySource(int s, int p, int lit) {
    if (kind != NONE) {
      // a candidate that cannot reach past the current best is not worth extending
      int reach = start + length - p;
      if (reach >= Math.min(srcLen - s, tgtLen - p) || src[srcOff + s + reach] != tgt[tgtOff + p + reach]) {
        return;
      }
    }
    int fwd = MIN_MATCH + MatchLength.forward(src, srcOff + s + MIN_MATCH, tgt, tgtOff + p + MIN_MATCH,
        Math.min(srcLen - s, tgtLen - p) - MIN_MATCH);
    int back = 0;
    int maxBack = Math.min(p - lit, s);
    while (back < maxBack && src[srcOff + s - back - 1] == tgt[tgtOff + p - back - 1]) {
      back++;
    }
    consider(SOURCE, p - back, fwd + back, s - back);
  }

  private void tryTarget(int q, int p, int lit) {
    if (kind != NONE) {
      int reach = start + length - p;
      if (reach >= tgtLen - p || tgt[tgtOff + q + reach] != tgt[tgtOff + p + reach]) {
        return;
      }
    }
    int fwd = MIN_MATCH + MatchLength.forward(tgt, tgtOff + q + MIN_MATCH, tgt, tgtOff + p + MIN_MATCH,
        tgtLen - p - MIN_MATCH);
    int back = 0;
    int maxBack = Math.min(p - lit, q);
    while (back < maxBack && tgt[tgtOff + q - back - 1] == tgt[tgtOff + p - back - 1]) {
      back++;
    }
    consider(TARGET, p - back, fwd + back, srcLen + q - back);
  }

  private void tryRun(int p, int lit) {
    byte v = tgt[tgtOff + p];
    int fwd = MIN_MATCH;
    while (p + fwd < tgtLen && tgt[tgtOff + p + fwd] == v) {
      fwd++;
    }
    int back = 0;
    while (p - back > lit && tgt[tgtOff + p - back - 1] == v) {
      back++;
    }
    int len = fwd + back;
    // RUN: code byte, explicit size, one data byte
    int g = len - 2 - VcdiffInts.length(len);
    if (g > gain || (g == gain && len > length)) {
      kind = RUN;
      start = p - back;
      length = len;
      gain = g;
    }
  }

  private void consider(int k, int st, int len, int addr) {
    int cost = cache.cost(addr, srcLen + st) + (VcdiffCodeTable.copyHasExplicitSize(len) ? 1 + VcdiffInts.length(len) : 1);
    int g = len - cost;
    if (g > gain || (g == gain && kind != NONE && len > length)) {
      kind = k;
      start = st;
      length = len;
      address = addr;
      gain = g;
    }
  }

  /**
   * Indexes every base position around the end of the last copy. After an edit the target
   * realigns with the base a few bytes further on; the sampled and chain-limited global index
   * misses that spot in repetitive data such as JSON, this small exhaustive one does not.
   */
  private void buildLocal() {
    localBuilt = true;
    if (++localGeneration == 0) {
      Arrays.fill(localStamp, 0);
      localGeneration = 1;
    }
    int gen = localGeneration;
    localFrom = Math.max(0, lastSrcEnd - LOCAL_BACK);
    int to = Math.min(srcLen - MIN_MATCH, localFrom + LOCAL_SPAN - 1);
    for (int s = localFrom; s <= to; s++) {
      int h = (MatchLength.key(src, srcOff + s) * 0x9E3779B1) >>> (32 - LOCAL_BITS);
      localNext[s - localFrom] = localStamp[h] == gen ? localHead[h] : 0;
      localHead[h] = s - localFrom + 1;
      localStamp[h] = gen;
    }
  }

  private void prepareTargetIndex(int n) {
    // one bucket per two positions: only literal positions are entered, usually far fewer
    targetBits = Math.max(8, Math.min(18, 31 - Integer.numberOfLeadingZeros(Math.max(1, n - 1))));
    int size = 1 << targetBits;
    if (targetHead.length < size) {
      targetHead = new int[size];
      nextTargetEpoch = 0;
    }
    if (targetPrev.length < n) {
      targetPrev = new int[Math.max(n, targetPrev.length * 2)];
    }
    if (nextTargetEpoch > Integer.MAX_VALUE - n - 1) {
      Arrays.fill(targetHead, 0);
      nextTargetEpoch = 0;
    }
    targetEpoch = nextTargetEpoch;
    nextTargetEpoch = targetEpoch + n + 1;
  }

  private int hash(int key) {
    return (key * 0x9E3779B1) >>> (32 - targetBits);
  }

  private void insert(int p) {
    int h = hash(MatchLength.key(tgt, tgtOff + p));
    targetPrev[p] = targetHead[h];
    targetHead[h] = targetEpoch + p + 1;
  }

  /** Position + 1 of a target index entry, or 0 if it belongs to an earlier window. */
  private int live(int entry) {
    int v = entry - targetEpoch;
    return v > 0 ? v : 0;
  }
}
