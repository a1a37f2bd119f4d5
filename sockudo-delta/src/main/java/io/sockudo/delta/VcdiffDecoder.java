package io.sockudo.delta;

import java.util.Arrays;
import java.util.Objects;
import java.util.zip.Adler32;

/**
 * Applies RFC 3284 deltas with the default code table, plus what xdelta3 writes on top: an
 * application header (skipped) and a per-window Adler-32 checksum (verified). VCD_TARGET windows
 * (a segment of the output decoded so far) are supported; deltas without any window decode to an
 * empty target. Secondary compression and custom code tables are rejected.
 *
 * <p>Every length is checked against the bytes that are really there, and output memory is
 * reserved only as instructions produce bytes, so a forged length costs nothing.
 */
final class VcdiffDecoder implements DeltaDecoder {
  private static final int VCD_DECOMPRESS = 0x01;
  private static final int VCD_CODETABLE = 0x02;
  private static final int VCD_APPHEADER = 0x04;
  private static final int VCD_SOURCE = 0x01;
  private static final int VCD_TARGET = 0x02;
  private static final int VCD_ADLER32 = 0x04;

  private final Vcdiff codec;
  private final AddressCache cache = new AddressCache();
  private final Adler32 adler32 = new Adler32();

  // state of the current call; this object is single-threaded by contract
  private byte[] d;
  private int pos;
  private int end;
  /** Position after the integer last read by {@link #varint}. */
  private int next;

  VcdiffDecoder(Vcdiff codec) {
    this.codec = codec;
  }

  @Override
  public DeltaCodec codec() {
    return codec;
  }

  @Override
  public int decode(byte[] src, int srcOff, int srcLen,
                    byte[] delta, int deltaOff, int deltaLen, DeltaOutput out) {
    Objects.checkFromIndexSize(srcOff, srcLen, src.length);
    Objects.checkFromIndexSize(deltaOff, deltaLen, delta.length);
    d = delta;
    pos = deltaOff;
    end = deltaOff + deltaLen;
    try {
      int outStart = out.length();
      header();
      while (pos < end) {
        window(src, srcOff, srcLen, out, outStart);
      }
      return out.length() - outStart;
    } finally {
      d = null;
    }
  }

  private void header() {
    int avail = end - pos;
    for (int i = 0; i < 3; i++) {
      if (i >= avail) {
        throw new DeltaException("VCDIFF delta is truncated in its header");
      }
      if (d[pos + i] != VcdiffEncoder.MAGIC[i]) {
        throw new DeltaException("not a VCDIFF delta: bad magic bytes");
      }
    }
    if (avail < 5) {
      throw new DeltaException("VCDIFF delta is truncated in its header");
    }
    int version = d[pos + 3] & 0xff;
    if (version != 0) {
      throw new DeltaException(String.format("VCDIFF version 0x%02x is not supported", version));
    }
    int indicator = d[pos + 4] & 0xff;
    pos += 5;
    if ((indicator & ~(VCD_DECOMPRESS | VCD_CODETABLE | VCD_APPHEADER)) != 0) {
      throw new DeltaException(String.format("VCDIFF header indicator 0x%02x has unknown bits", indicator));
    }
    if ((indicator & VCD_DECOMPRESS) != 0) {
      if (pos >= end) {
        throw new DeltaException("VCDIFF delta is truncated in its header");
      }
      throw new DeltaException("VCDIFF secondary compression (id " + (d[pos] & 0xff) + ") is not supported");
    }
    if ((indicator & VCD_CODETABLE) != 0) {
      throw new DeltaException("VCDIFF custom code tables (VCD_CODETABLE) are not supported");
    }
    if ((indicator & VCD_APPHEADER) != 0) {
      int len = varint(pos, end, "application header length");
      if (len > end - next) {
        throw new DeltaException("VCDIFF application header is truncated");
      }
      pos = next + len;
    }
  }

  private void window(byte[] src, int srcOff, int srcLen, DeltaOutput out, int outStart) {
    int indicator = d[pos++] & 0xff;
    if ((indicator & ~(VCD_SOURCE | VCD_TARGET | VCD_ADLER32)) != 0) {
      throw new DeltaException(String.format("VCDIFF window indicator 0x%02x has unknown bits", indicator));
    }
    if ((indicator & (VCD_SOURCE | VCD_TARGET)) == (VCD_SOURCE | VCD_TARGET)) {
      throw new DeltaException("VCDIFF window sets both VCD_SOURCE and VCD_TARGET");
    }
    int produced = out.length() - outStart;
    int segLen = 0;
    byte[] segment = null;
    int segOff = 0;
    if ((indicator & (VCD_SOURCE | VCD_TARGET)) != 0) {
      segLen = varint(pos, end, "source segment length");
      long segPos = varlong(next, end, "source segment position");
      pos = next;
      if ((indicator & VCD_SOURCE) != 0) {
        if (segPos + segLen > srcLen) {
          throw new DeltaException("VCDIFF source segment " + segPos + ".." + (segPos + segLen)
              + " lies outside the " + srcLen + "-byte base");
        }
        segment = src;
        segOff = srcOff + (int) segPos;
      } else {
        if (segPos + segLen > produced) {
          throw new DeltaException("VCDIFF target segment " + segPos + ".." + (segPos + segLen)
              + " lies outside the " + produced + " bytes decoded so far");
        }
        segOff = outStart + (int) segPos; // resolved against the output array at copy time
      }
    }
    int encLen = varint(pos, end, "delta encoding length");
    pos = next;
    if (encLen > end - pos) {
      throw new DeltaException("VCDIFF window is truncated: it declares " + encLen
          + " bytes, " + (end - pos) + " remain");
    }
    int encEnd = pos + encLen;
    int tgtLen = varint(pos, encEnd, "target window length");
    if (tgtLen > codec.maxTargetSize() - produced) {
      throw new DeltaException(produced == 0
          ? "delta declares target length " + tgtLen + ", larger than the limit " + codec.maxTargetSize()
          : "VCDIFF window declares " + tgtLen + " more bytes after " + produced
              + ", larger than the limit " + codec.maxTargetSize());
    }
    pos = next;
    if (pos >= encEnd) {
      throw new DeltaException("VCDIFF window header is truncated");
    }
    int deltaIndicator = d[pos++] & 0xff;
    if (deltaIndicator != 0) {
      throw new DeltaException(String.format(
          "VCDIFF compressed sections (Delta_Indicator 0x%02x) are not supported", deltaIndicator));
    }
    int dataLen = varint(pos, encEnd, "data section length");
    int instLen = varint(next, encEnd, "instruction section length");
    int addrLen = varint(next, encEnd, "address section length");
    pos = next;
    int checksum = 0;
    if ((indicator & VCD_ADLER32) != 0) {
      if (encEnd - pos < 4) {
        throw new DeltaException("VCDIFF window checksum is truncated");
      }
      checksum = ((d[pos] & 0xff) << 24) | ((d[pos + 1] & 0xff) << 16) | ((d[pos + 2] & 0xff) << 8) | (d[pos + 3] & 0xff);
      pos += 4;
    }
    if ((long) dataLen + instLen + addrLen != encEnd - pos) {
      throw new DeltaException("VCDIFF window sections (" + ((long) dataLen + instLen + addrLen)
          + " bytes) do not fill its declared encoding length");
    }
    int dataPos = pos;
    int instPos = dataPos + dataLen;
    int addrPos = instPos + instLen;
    pos = encEnd;

    int windowStart = out.length();
    execute(segment, segOff, segLen, out, tgtLen, encLen, dataPos, instPos, addrPos, encEnd);
    if ((indicator & VCD_ADLER32) != 0) {
      adler32.reset();
      adler32.update(out.array(), windowStart, tgtLen);
      if ((int) adler32.getValue() != checksum) {
        throw new DeltaException("VCDIFF window checksum mismatch");
      }
    }
  }

  /**
   * Runs a window's instructions. {@code segment} is the base array, or null for a VCD_TARGET
   * window whose segment lies in the output array itself.
   */
  private void execute(byte[] segment, int segOff, int segLen, DeltaOutput out, int tgtLen, int encLen,
                       int dataPos, int instPos, int addrPos, int addrEnd) {
    cache.reset();
    int windowStart = out.length();
    // what a window plausibly produces; anything beyond is reserved as instructions produce it
    byte[] o = out.ensureSpare(Math.min(tgtLen, segLen + 16L * encLen));
    int w = 0;
    int dp = dataPos;
    int ip = instPos;
    int ap = addrPos;
    while (ip < addrPos) {
      int code = d[ip++] & 0xff;
      for (int half = 0; half < 2; half++) {
        int type = half == 0 ? VcdiffCodeTable.TYPE1[code] : VcdiffCodeTable.TYPE2[code];
        if (type == VcdiffCodeTable.NOOP) {
          continue;
        }
        int size = (half == 0 ? VcdiffCodeTable.SIZE1[code] : VcdiffCodeTable.SIZE2[code]) & 0xff;
        if (size == 0) {
          size = varint(ip, addrPos, "instruction size");
          ip = next;
        }
        if (size > tgtLen - w) {
          throw new DeltaException("VCDIFF instruction of " + size + " bytes overflows the "
              + tgtLen + "-byte target window");
        }
        int dst = windowStart + w;
        if (dst + size > o.length) {
          out.setLength(dst);
          o = out.ensureSpare(size);
        }
        if (type == VcdiffCodeTable.ADD) {
          if (size > instPos - dp) {
            throw new DeltaException("VCDIFF ADD reads past the end of the data section");
          }
          System.arraycopy(d, dp, o, dst, size);
          dp += size;
        } else if (type == VcdiffCodeTable.RUN) {
          if (dp >= instPos) {
            throw new DeltaException("VCDIFF RUN reads past the end of the data section");
          }
          Arrays.fill(o, dst, dst + size, d[dp++]);
        } else {
          int mode = half == 0 ? VcdiffCodeTable.MODE1[code] : VcdiffCodeTable.MODE2[code];
          int here = segLen + w;
          int addr;
          if (mode >= VcdiffCodeTable.FIRST_SAME_MODE) {
            if (ap >= addrEnd) {
              throw new DeltaException("VCDIFF address section is truncated");
            }
            addr = cache.same((mode - VcdiffCodeTable.FIRST_SAME_MODE) * 256 + (d[ap++] & 0xff));
          } else {
            long v = varint(ap, addrEnd, "COPY address");
            ap = next;
            if (mode == 0) {
              addr = (int) v;
            } else if (mode == 1) {
              addr = (int) (here - v);
            } else {
              v += cache.near[mode - 2];
              addr = v > Integer.MAX_VALUE ? -1 : (int) v;
            }
          }
          if (addr < 0 || addr >= here) {
            throw new DeltaException("VCDIFF COPY address " + addr + " is not before the current position " + here);
          }
          cache.update(addr);
          int fromTarget = size;
          if (addr < segLen) {
            int n = Math.min(size, segLen - addr);
            System.arraycopy(segment == null ? o : segment, segOff + addr, o, dst, n);
            fromTarget = size - n;
            addr = segLen;
            dst += n;
          }
          if (fromTarget > 0) {
            copyWithin(o, windowStart + addr - segLen, dst, fromTarget);
          }
        }
        w += size;
      }
    }
    out.setLength(windowStart + w);
    if (w != tgtLen) {
      throw new DeltaException("VCDIFF window produced " + w + " bytes but declares " + tgtLen);
    }
    if (dp != instPos || ap != addrEnd) {
      throw new DeltaException("VCDIFF window leaves " + (instPos - dp) + " data and " + (addrEnd - ap)
          + " address bytes unused");
    }
  }

  /**
   * Copies {@code len} bytes from {@code from} to {@code to > from} in the same array with the
   * byte-by-byte semantics of an overlapping COPY: when the ranges overlap, the bytes between
   * them repeat.
   */
  private static void copyWithin(byte[] o, int from, int to, int len) {
    if (to - from >= len) {
      System.arraycopy(o, from, o, to, len);
      return;
    }
    // The output from 'from' on repeats with period to-from; chunks that are multiples of the
    // period keep 'from' valid as the source while the copied stretch doubles each time.
    int done = 0;
    while (done < len) {
      int chunk = Math.min(len - done, to + done - from);
      System.arraycopy(o, from, o, to + done, chunk);
      done += chunk;
    }
  }

  /** Reads an integer of at most 31 bits at {@code at}, not past {@code limit}; sets {@link #next}. */
  private int varint(int at, int limit, String what) {
    long v = varlong(at, limit, what);
    if (v > Integer.MAX_VALUE) {
      throw new DeltaException("VCDIFF " + what + " " + v + " is too large");
    }
    return (int) v;
  }

  /** Reads an integer of at most 63 bits at {@code at}, not past {@code limit}; sets {@link #next}. */
  private long varlong(int at, int limit, String what) {
    long v = 0;
    int p = at;
    while (true) {
      if (p >= limit) {
        throw new DeltaException("VCDIFF delta is truncated in the " + what);
      }
      int b = d[p++];
      v = (v << 7) | (b & 0x7f);
      if (b >= 0) {
        break;
      }
      if (v > (Long.MAX_VALUE >>> 7)) {
        throw new DeltaException("VCDIFF " + what + " is too large");
      }
    }
    next = p;
    return v;
  }
}
