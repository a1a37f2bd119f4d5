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
 */
final class FossilEncoder implements DeltaEncoder {
  private static final int NHASH = FossilHash.WINDOW;
  private static final int MAX_CHAIN = 250;
  /** The cost of an insert and a copy command with one-digit numbers: no shorter copy pays. */
  private static final int MIN_COPY = 6;
  /** A delta is at most this much longer than its target (see {@link #encode}). */
  private static final int MAX_OVERHEAD = 32;
  private static final int[] NONE = new int[0];
  /** Target positions looked up before any is tried (see {@link #findCopy}). */
  private static final int CHUNK = 8;

  private final Fossil codec;
  /** Bucket heads (block numbers, -1 for none), reused between calls. */
  private int[] landmark = NONE;
  /** Next block in the same bucket, indexed by block number. */
  private int[] collide = NONE;
  /** Positions of one chunk whose bucket holds a block, and that block. */
  private final int[] candPos = new int[CHUNK];
  private final int[] candBlock = new int[CHUNK];

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

  /** Hashes every whole 16-byte block of the base except one ending exactly at its end. */
  private void index(byte[] src, int srcOff, int lenSrc, int nHash, long mult) {
    if (landmark.length < nHash) {
      landmark = new int[nHash];
      collide = new int[nHash];
    }
    int[] landmark = this.landmark;
    int[] collide = this.collide;
    // collide needs no reset: an entry is read only after its block was inserted this call
    Arrays.fill(landmark, 0, nHash, -1);
    for (int i = 0, block = 0; i < lenSrc - NHASH; i += NHASH, block++) {
      int hv = FastMod.mod(FossilHash.of(src, srcOff + i), mult, nHash);
      collide[block] = landmark[hv];
      landmark[hv] = block;
    }
  }

  /**
   * Rolls the hash from {@code base} until some position has a block whose match pays for a
   * copy; then sets {@link #bestCnt}, {@link #bestOfst}, {@link #bestLitsz} and returns true.
   * Returns false when the window reaches the end of the target first.
   *
   * <p>The positions are looked up a chunk at a time, and only those whose bucket holds a block
   * are then tried, in order, exactly as the C code tries them. Whether a bucket is empty is a
   * coin flip at every byte (the table has one bucket per block); deciding it without a branch
   * spares the CPU a mispredicted branch at many positions. The lookups past the position that
   * succeeds are wasted, and cheap.
   */
  private boolean findCopy(byte[] src, int srcOff, int lenSrc, byte[] tgt, int tgtOff, int lenOut,
                           int base, int nHash, long mult) {
    int[] landmark = this.landmark;
    int[] collide = this.collide;
    int[] candPos = this.candPos;
    int[] candBlock = this.candBlock;
    int p = tgtOff + base;
    // rolling hash halves; only their low 16 bits matter
    int h = FossilHash.of(tgt, p);
    int a = h & 0xffff;
    int b = h >>> 16;
    // C tries position i, then stops if base + i + NHASH >= lenOut: the last position tried is
    // the one whose window ends exactly at the end of the target
    int last = lenOut - NHASH - base;
    for (int from = 0; from <= last; from += CHUNK) {
      int to = Math.min(from + CHUNK - 1, last);
      int n = 0;
      for (int i = from; i <= to; i++) {
        int block = landmark[FastMod.mod((a & 0xffff) | (b << 16), mult, nHash)];
        candPos[n] = i;
        candBlock[n] = block;
        n += ~block >>> 31; // kept only if the bucket holds a block
        if (i < last) {
          // roll: drop tgt[base+i], take in tgt[base+i+16], both sign-extended as C chars are
          int old = tgt[p + i];
          a += tgt[p + i + NHASH] - old;
          b += a - NHASH * old;
        }
      }
      for (int c = 0; c < n; c++) {
        int i = candPos[c];
        int best = 0;
        int block = candBlock[c];
        for (int limit = MAX_CHAIN; block >= 0 && limit > 0; limit--, block = collide[block]) {
          int iSrc = block * NHASH;
          int y = base + i;
          // most candidates are hash collisions that agree on neither the byte at the position
          // nor the one before: no match either way, so cnt would be 0; two byte compares
          // settle them (the backward match is empty anyway when iSrc or i is 0)
          if (src[srcOff + iSrc] != tgt[tgtOff + y]
              && (iSrc == 0 || i == 0 || src[srcOff + iSrc - 1] != tgt[tgtOff + y - 1])) {
            continue;
          }
          int limitX = (lenSrc - iSrc <= lenOut - y) ? lenSrc : iSrc + lenOut - y;
          int forward = MatchLength.forward(src, srcOff + iSrc, tgt, tgtOff + y, limitX - iSrc);
          // C: for(k=1; k<iSrc && k<=i; k++) if( zSrc[iSrc-k]!=zOut[base+i-k] ) break; k--;
          int k = MatchLength.backward(src, srcOff + iSrc, tgt, tgtOff + y, Math.min(iSrc - 1, i));
          int cnt = forward + k;
          // sz >= 6, so most candidates (hash collisions) are out before the digit counts;
          // testing that first also keeps the branch predictable, where cnt > best is a coin flip
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
      }
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
