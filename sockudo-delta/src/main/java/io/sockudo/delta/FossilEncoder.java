package io.sockudo.delta;

import java.util.Arrays;
import java.util.Objects;

/**
 * Fossil's delta algorithm, producing the same bytes as {@code delta_create()} in Fossil's
 * {@code delta.c} on a platform where {@code char} is signed (x86, the build that ships in
 * Linux distributions).
 *
 * <p>The source is indexed by a rolling hash of its non-overlapping 16-byte blocks; the target
 * is scanned byte by byte for a block whose match, extended both ways, pays for its copy
 * command. Three details decide byte identity with the C code: the table has
 * {@code floor(lenSrc/16)} buckets, bytes enter the hash sign-extended, and at most 250 chain
 * entries are tried per position.
 *
 * <p>Most positions are settled without walking their chain (see {@link #findCopy}); the
 * copies chosen are still exactly the C code's. The scratch tables, reused between calls, take
 * 36 bytes per 16-byte block of the largest base seen.
 */
final class FossilEncoder implements DeltaEncoder {
  private static final int NHASH = FossilHash.WINDOW;
  private static final int MAX_CHAIN = 250;
  /** The cost of an insert and a copy command with one-digit numbers: no shorter copy pays. */
  private static final int MIN_COPY = 6;
  /** A delta is at most this much longer than its target (see {@link #encode}). */
  private static final int MAX_OVERHEAD = 32;
  private static final int[] NONE = new int[0];
  /** Ints per bucket in {@link #buckets}: a power of two, so a bucket's offset is a shift. */
  private static final int SLOTS = 8;
  /** The newest block of the bucket: the head of its chain, -1 for none. */
  private static final int HEAD = 0;
  /** The first three bytes of the newest block, and the three bytes before it. */
  private static final int KEY1 = 1;
  private static final int PREV1 = 2;
  /** The same for the block after it in the chain. */
  private static final int KEY2 = 3;
  private static final int PREV2 = 4;
  /** Non-negative once the chain holds a third block. */
  private static final int DEEP = 5;
  /** Three bytes read as an int: the low 24 bits of a little-endian read. */
  private static final int THREE_BYTES = 0xff_ffff;
  /** Stands for absent bytes in a bucket; no three bytes equal it. */
  private static final int NO_BYTES = -1;
  /** Stands for the bytes before one of the first three positions; unequal to any bucket's. */
  private static final int NO_TARGET_BYTES = -2;

  private final Fossil codec;
  /** {@link #SLOTS} ints per bucket, reused between calls. */
  private int[] buckets = NONE;
  /** Next block in the same bucket, -1 for none, indexed by block number. */
  private int[] collide = NONE;

  // the copy found by the last findCopy(); this object is single-threaded by contract
  private int bestCnt;
  private int bestOfst;
  private int bestLitsz;

  FossilEncoder(Fossil codec) {
    this.codec = codec;
  }

  @Override
  public DeltaCodec codec() {
    return codec;
  }

  @Override
  public int encode(byte[] src, int srcOff, int lenSrc,
                    byte[] tgt, int tgtOff, int lenOut, DeltaOutput out) {
    Objects.checkFromIndexSize(srcOff, lenSrc, src.length);
    Objects.checkFromIndexSize(tgtOff, lenOut, tgt.length);
    int start = out.length();
    // Each copy costs no more than the bytes it replaces (cnt >= sz below), so the delta is the
    // target plus at most three numbers with their separators: header, last insert, checksum.
    byte[] z = out.ensureSpare((long) lenOut + MAX_OVERHEAD);
    int q = FossilNumbers.put(z, start, lenOut);
    z[q++] = '\n';

    int base = 0;
    if (lenSrc > NHASH) {
      int nHash = lenSrc / NHASH;
      long mult = FastMod.multiplier(nHash);
      index(src, srcOff, lenSrc, nHash, mult);
      while (base + NHASH < lenOut) {
        if (!findCopy(src, srcOff, lenSrc, tgt, tgtOff, lenOut, base, nHash, mult)) {
          q = insert(z, q, tgt, tgtOff + base, lenOut - base);
          base = lenOut;
          break;
        }
        if (bestLitsz > 0) {
          q = insert(z, q, tgt, tgtOff + base, bestLitsz);
          base += bestLitsz;
        }
        base += bestCnt;
        q = FossilNumbers.put(z, q, bestCnt);
        z[q++] = '@';
        q = FossilNumbers.put(z, q, bestOfst);
        z[q++] = ',';
      }
    }
    // a base of 16 bytes or less is never copied from: the whole target is one insert, even empty
    if (base < lenOut || lenSrc <= NHASH) {
      q = insert(z, q, tgt, tgtOff + base, lenOut - base);
    }
    q = FossilNumbers.put(z, q, FossilChecksum.of(tgt, tgtOff, lenOut));
    z[q++] = ';';
    out.setLength(q);
    return q - start;
  }

  /**
   * Hashes every whole 16-byte block of the base except one ending exactly at its end, and keeps
   * with each bucket what {@link #findCopy} needs to pass over it.
   */
  private void index(byte[] src, int srcOff, int lenSrc, int nHash, long mult) {
    if (buckets.length < nHash * SLOTS) {
      buckets = new int[nHash * SLOTS];
      collide = new int[nHash];
    }
    int[] buckets = this.buckets;
    int[] collide = this.collide;
    // collide needs no reset: an entry is read only after its block was inserted this call
    Arrays.fill(buckets, 0, nHash * SLOTS, -1);
    int prev3 = NO_BYTES;
    for (int i = 0, block = 0; i < lenSrc - NHASH; i += NHASH, block++) {
      long w0 = FossilHash.word(src, srcOff + i);
      long w1 = FossilHash.word(src, srcOff + i + 8);
      int s = FastMod.mod(FossilHash.of(w0, w1), mult, nHash) * SLOTS;
      collide[block] = buckets[s + HEAD];
      buckets[s + HEAD] = block;
      // the new block goes first, the first becomes second; a second pushed to third makes it deep
      buckets[s + DEEP] = Math.max(buckets[s + DEEP], buckets[s + KEY2]);
      buckets[s + KEY2] = buckets[s + KEY1];
      buckets[s + PREV2] = buckets[s + PREV1];
      buckets[s + KEY1] = (int) w0 & THREE_BYTES;
      buckets[s + PREV1] = prev3;
      prev3 = (int) (w1 >>> 40); // bytes 13 to 15: those before the next block
    }
  }

  /**
   * Rolls the hash from {@code base} until some position has a block whose match pays for a
   * copy; then sets {@link #bestCnt}, {@link #bestOfst}, {@link #bestLitsz} and returns true.
   * Returns false when the window reaches the end of the target first.
   *
   * <p>A copy pays only if it is at least 6 bytes long, so its forward or its backward part is
   * at least 3 bytes: one of the bucket's blocks starts with the three bytes at the position, or
   * ends on the three before it (before the fourth position the backward part is shorter than 3,
   * so the forward part would have to be longer). The bucket keeps those bytes of its first two
   * blocks; a position where neither matches and the chain is no longer is passed over without
   * walking the chain or touching the base. That settles most positions: buckets are as many as
   * blocks, so most positions land on some block, nearly always a hash collision.
   */
  private boolean findCopy(byte[] src, int srcOff, int lenSrc, byte[] tgt, int tgtOff, int lenOut,
                           int base, int nHash, long mult) {
    int[] buckets = this.buckets;
    int p = tgtOff + base;
    // rolling hash halves; only their low 16 bits matter
    int h = FossilHash.of(tgt, p);
    int a = h & 0xffff;
    int b = h >>> 16;
    // C tries position i, then stops if base + i + NHASH >= lenOut: the last position tried is
    // the one whose window ends exactly at the end of the target
    int last = lenOut - NHASH - base;
    for (int i = 0; ; i++) {
      int s = FastMod.mod((a & 0xffff) | (b << 16), mult, nHash) * SLOTS;
      int y = p + i;
      int next3 = MatchLength.key(tgt, y) & THREE_BYTES;
      int prev3 = i >= 3 ? MatchLength.key(tgt, y - 3) & THREE_BYTES : NO_TARGET_BYTES;
      boolean mayPay = buckets[s + KEY1] == next3 | buckets[s + PREV1] == prev3
          | buckets[s + KEY2] == next3 | buckets[s + PREV2] == prev3 | buckets[s + DEEP] >= 0;
      if (mayPay && tryChain(src, srcOff, lenSrc, tgt, tgtOff, lenOut, base, i, buckets[s + HEAD])) {
        return true;
      }
      if (i == last) {
        return false;
      }
      // roll: drop tgt[base+i], take in tgt[base+i+16], both sign-extended as C chars are
      int old = tgt[y];
      a += tgt[y + NHASH] - old;
      b += a - NHASH * old;
    }
  }

  /**
   * Tries the blocks of the chain from {@code block} at target position {@code base + i} as the
   * C code does; true if one pays for a copy (the longest, the first of equals), which it records.
   */
  private boolean tryChain(byte[] src, int srcOff, int lenSrc, byte[] tgt, int tgtOff, int lenOut,
                           int base, int i, int block) {
    int[] collide = this.collide;
    int best = 0;
    int y = base + i;
    for (int limit = MAX_CHAIN; block >= 0 && limit > 0; limit--, block = collide[block]) {
      int iSrc = block * NHASH;
      // in a chain that is walked, most blocks agree on neither the byte at the position nor the
      // one before: no match either way, so cnt would be 0; two byte compares settle them (the
      // backward match is empty anyway when iSrc or i is 0)
      if (src[srcOff + iSrc] != tgt[tgtOff + y]
          && (iSrc == 0 || i == 0 || src[srcOff + iSrc - 1] != tgt[tgtOff + y - 1])) {
        continue;
      }
      int limitX = (lenSrc - iSrc <= lenOut - y) ? lenSrc : iSrc + lenOut - y;
      int forward = MatchLength.forward(src, srcOff + iSrc, tgt, tgtOff + y, limitX - iSrc);
      // C: for(k=1; k<iSrc && k<=i; k++) if( zSrc[iSrc-k]!=zOut[base+i-k] ) break; k--;
      int k = MatchLength.backward(src, srcOff + iSrc, tgt, tgtOff + y, Math.min(iSrc - 1, i));
      int cnt = forward + k;
      // sz >= 6 (MIN_COPY), so most blocks are out before the digit counts
      if (cnt >= MIN_COPY && cnt > best) {
        int sz = FossilNumbers.digitCount(i - k) + FossilNumbers.digitCount(cnt)
            + FossilNumbers.digitCount(iSrc - k) + 3;
        if (cnt >= sz) {
          best = cnt;
          bestOfst = iSrc - k;
          bestLitsz = i - k;
        }
      }
    }
    if (best > 0) {
      bestCnt = best;
      return true;
    }
    return false;
  }

  private static int insert(byte[] z, int q, byte[] tgt, int from, int count) {
    q = FossilNumbers.put(z, q, count);
    z[q++] = ':';
    System.arraycopy(tgt, from, z, q, count);
    return q + count;
  }
}
