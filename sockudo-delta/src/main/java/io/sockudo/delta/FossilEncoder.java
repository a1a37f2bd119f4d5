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
 * <p>On a base of less than 2 KB, the size of most realtime messages, most target positions
 * are passed over without walking their chain (see {@link #findCopySifted}); on larger ones
 * positions are looked up a chunk at a time (see {@link #findCopyChunked}). Either way the copies
 * chosen are exactly the C code's.
 */
final class FossilEncoder implements DeltaEncoder {
  private static final int NHASH = FossilHash.WINDOW;
  private static final int MAX_CHAIN = 250;
  /** The cost of an insert and a copy command with one-digit numbers: no shorter copy pays. */
  private static final int MIN_COPY = 6;
  /** A delta is at most this much longer than its target (see {@link #encode}). */
  private static final int MAX_OVERHEAD = 32;
  private static final int[] NONE = new int[0];
  private static final long[] NO_LONGS = new long[0];
  /** Target positions looked up before any is tried (see {@link #findCopyChunked}). */
  private static final int CHUNK = 8;
  /**
   * Bases of up to this many blocks (2 KB) are sifted (see {@link #findCopySifted}). On larger
   * ones the encoder looks up far fewer target positions per block it indexes, and a heavier
   * index no longer pays for itself.
   */
  private static final int SIFT_MAX_BUCKETS = 128;
  /** Three bytes read as an int: the low 24 bits of a little-endian read. */
  private static final int THREE_BYTES = 0xff_ffff;
  /** Fibonacci hashing: three bytes pick one of 32 sieve bits by their product's top 5 bits. */
  private static final int GOLDEN = 0x9E37_79B1;

  private final Fossil codec;
  /** Bucket heads (block numbers, -1 for none), reused between calls. */
  private int[] landmark = NONE;
  /** Next block in the same bucket, indexed by block number. */
  private int[] collide = NONE;
  /** Per bucket, a bit for the first three bytes of each of its blocks and for the three before. */
  private long[] sieve = NO_LONGS;
  /** Positions of one chunk whose bucket holds a block, and that block. */
  private final int[] candPos = new int[CHUNK];
  private final int[] candBlock = new int[CHUNK];

  // the copy found by the last search for one; this object is single-threaded by contract
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
        boolean found = sifted(nHash)
            ? findCopySifted(src, srcOff, lenSrc, tgt, tgtOff, lenOut, base, nHash, mult)
            : findCopyChunked(src, srcOff, lenSrc, tgt, tgtOff, lenOut, base, nHash, mult);
        if (!found) {
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
   * Hashes every whole 16-byte block of the base except one ending exactly at its end; for a
   * base to be sifted, also fills {@link #sieve}.
   */
  private void index(byte[] src, int srcOff, int lenSrc, int nHash, long mult) {
    if (landmark.length < nHash) {
      landmark = new int[nHash];
      collide = new int[nHash];
    }
    int[] landmark = this.landmark;
    int[] collide = this.collide;
    // collide needs no reset: an entry is read only after its block was inserted this call
    Arrays.fill(landmark, 0, nHash, -1);
    boolean sifted = sifted(nHash);
    if (sifted && sieve.length < nHash) {
      sieve = new long[nHash];
    }
    long[] sieve = this.sieve;
    if (sifted) {
      Arrays.fill(sieve, 0, nHash, 0);
    }
    long prevBit = 0; // the first block has no bytes before it
    for (int i = 0, block = 0; i < lenSrc - NHASH; i += NHASH, block++) {
      long w0 = FossilHash.word(src, srcOff + i);
      long w1 = FossilHash.word(src, srcOff + i + 8);
      int hv = FastMod.mod(FossilHash.of(w0, w1), mult, nHash);
      collide[block] = landmark[hv];
      landmark[hv] = block;
      if (sifted) {
        sieve[hv] |= firstBit((int) w0 & THREE_BYTES) | prevBit;
        prevBit = beforeBit((int) (w1 >>> 40)); // bytes 13 to 15 come before the next block
      }
    }
  }

  /** Whether a base of {@code nHash} blocks is searched with {@link #findCopySifted}. */
  private static boolean sifted(int nHash) {
    return nHash <= SIFT_MAX_BUCKETS;
  }

  /** The sieve bit, one of the low 32, for a block starting with these three bytes. */
  private static long firstBit(int threeBytes) {
    return 1L << ((threeBytes * GOLDEN) >>> 27);
  }

  /** The sieve bit, one of the high 32, for a block following these three bytes. */
  private static long beforeBit(int threeBytes) {
    return 1L << (32 + ((threeBytes * GOLDEN) >>> 27));
  }

  /**
   * Rolls the hash from {@code base} until some position has a block whose match pays for a
   * copy; then sets {@link #bestCnt}, {@link #bestOfst}, {@link #bestLitsz} and returns true.
   * Returns false when the window reaches the end of the target first.
   *
   * <p>A copy pays only if it is at least 6 bytes long, so its forward or its backward part is
   * at least 3 bytes: some block of the bucket starts with the three bytes at the position, or
   * follows the three before it (before the fourth position the backward part is shorter than
   * 3, so the forward part would have to be longer). The bucket's sieve has a bit set for the
   * first three bytes of each of its blocks and one for the three before; where neither of the
   * position's bits is set, no block there can pay and the chain is not walked. That settles
   * most positions: buckets are as many as blocks, so most positions land on some block, nearly
   * always a hash collision.
   */
  private boolean findCopySifted(byte[] src, int srcOff, int lenSrc, byte[] tgt, int tgtOff,
                                 int lenOut, int base, int nHash, long mult) {
    int[] landmark = this.landmark;
    long[] sieve = this.sieve;
    int p = tgtOff + base;
    // rolling hash halves; only their low 16 bits matter
    int h = FossilHash.of(tgt, p);
    int a = h & 0xffff;
    int b = h >>> 16;
    // C tries position i, then stops if base + i + NHASH >= lenOut: the last position tried is
    // the one whose window ends exactly at the end of the target
    int last = lenOut - NHASH - base;
    for (int i = 0; ; i++) {
      int hv = FastMod.mod((a & 0xffff) | (b << 16), mult, nHash);
      int y = p + i;
      long bits = firstBit(MatchLength.key(tgt, y) & THREE_BYTES);
      if (i >= 3) {
        bits |= beforeBit(MatchLength.key(tgt, y - 3) & THREE_BYTES);
      }
      if ((sieve[hv] & bits) != 0
          && tryChain(src, srcOff, lenSrc, tgt, tgtOff, lenOut, base, i, landmark[hv])) {
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
   * {@link #findCopySifted} for larger bases. The positions are looked up a chunk at a time,
   * and only those whose bucket holds a block are then tried, in order. Whether a bucket is
   * empty is a coin flip at every byte (the table has one bucket per block); deciding it without
   * a branch spares the CPU a mispredicted branch at many positions. The lookups past the
   * position that succeeds are wasted, and cheap.
   */
  private boolean findCopyChunked(byte[] src, int srcOff, int lenSrc, byte[] tgt, int tgtOff,
                                  int lenOut, int base, int nHash, long mult) {
    int[] landmark = this.landmark;
    int[] candPos = this.candPos;
    int[] candBlock = this.candBlock;
    int p = tgtOff + base;
    int h = FossilHash.of(tgt, p);
    int a = h & 0xffff;
    int b = h >>> 16;
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
          int old = tgt[p + i];
          a += tgt[p + i + NHASH] - old;
          b += a - NHASH * old;
        }
      }
      for (int c = 0; c < n; c++) {
        if (tryChain(src, srcOff, lenSrc, tgt, tgtOff, lenOut, base, candPos[c], candBlock[c])) {
          return true;
        }
      }
    }
    return false;
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
      // most blocks are hash collisions that agree on neither the byte at the position nor the
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
      // sz >= 6 (MIN_COPY), so most blocks are out before the digit counts; testing that first
      // also keeps the branch predictable, where cnt > best is a coin flip
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
