package io.sockudo.delta;

import java.util.Objects;

/**
 * Applies Fossil deltas: {@code LEN\n}, then copy ({@code N@OFF,}) and insert ({@code N:bytes})
 * commands, then {@code CHECKSUM;}. Verifies every bound, the final length and the checksum.
 *
 * <p>Stricter than Fossil's own decoder in three harmless ways: numbers must be non-empty and fit
 * 32 bits, bytes >= 0x80 are not digits, and the checksum is always verified. Bytes after the
 * {@code ;} are ignored, as Fossil does.
 */
final class FossilDecoder implements DeltaDecoder {
  private final Fossil codec;

  // parse state of the current call; this object is single-threaded by contract
  private byte[] delta;
  private int pos;
  private int end;

  FossilDecoder(Fossil codec) {
    this.codec = codec;
  }

  @Override
  public DeltaCodec codec() {
    return codec;
  }

  @Override
  public int decode(byte[] src, int srcOff, int lenSrc,
                    byte[] d, int deltaOff, int deltaLen, DeltaOutput out) {
    Objects.checkFromIndexSize(srcOff, lenSrc, src.length);
    Objects.checkFromIndexSize(deltaOff, deltaLen, d.length);
    delta = d;
    pos = deltaOff;
    end = deltaOff + deltaLen;
    try {
      return apply(src, srcOff, lenSrc, out);
    } finally {
      delta = null;
    }
  }

  private int apply(byte[] src, int srcOff, int lenSrc, DeltaOutput out) {
    long declared = number("target length");
    if (pos >= end || delta[pos] != '\n') {
      throw new DeltaException("fossil delta target length is not terminated by a newline");
    }
    pos++;
    if (declared > codec.maxTargetSize()) {
      throw new DeltaException("delta declares target length " + declared
          + ", larger than the limit " + codec.maxTargetSize());
    }
    int limit = (int) declared;
    int start = out.length();
    // Reserve what the delta can produce without repeating a source range; a longer target is
    // legal but has to be earned by copy commands, so memory follows real output.
    out.ensureSpare(Math.min(limit, (long) lenSrc + (end - pos)));
    int total = 0;
    while (pos < end) {
      long cnt = number("count");
      if (pos >= end) {
        break;
      }
      byte op = delta[pos++];
      switch (op) {
        case '@': {
          long ofst = number("copy offset");
          if (pos >= end || delta[pos] != ',') {
            throw new DeltaException("fossil delta copy command is not terminated by ','");
          }
          pos++;
          if (cnt > limit - total) {
            throw new DeltaException("fossil delta copy overflows the declared target length " + limit);
          }
          if (ofst + cnt > lenSrc) {
            throw new DeltaException("fossil delta copies bytes " + ofst + ".." + (ofst + cnt)
                + " beyond the end of the " + lenSrc + "-byte base");
          }
          out.write(src, srcOff + (int) ofst, (int) cnt);
          total += (int) cnt;
          break;
        }
        case ':': {
          if (cnt > limit - total) {
            throw new DeltaException("fossil delta insert overflows the declared target length " + limit);
          }
          if (cnt > end - pos) {
            throw new DeltaException("fossil delta insert of " + cnt + " bytes runs past the end of the delta");
          }
          out.write(delta, pos, (int) cnt);
          pos += (int) cnt;
          total += (int) cnt;
          break;
        }
        case ';': {
          if (total != limit) {
            throw new DeltaException("fossil delta produced " + total
                + " bytes but declares target length " + limit);
          }
          if ((int) cnt != FossilChecksum.of(out.array(), start, total)) {
            throw new DeltaException("fossil delta checksum mismatch");
          }
          return total;
        }
        default:
          throw new DeltaException(String.format(
              "fossil delta has an unknown command 0x%02x at offset %d", op & 0xff, pos - 1));
      }
    }
    throw new DeltaException("fossil delta is truncated: no ';' trailer");
  }

  /** Reads a base-64 number of 1 to 6 digits that fits 32 bits. */
  private long number(String what) {
    int first = pos;
    long v = 0;
    while (pos < end) {
      int digit = FossilNumbers.value(delta[pos]);
      if (digit < 0) {
        break;
      }
      if (pos - first == FossilNumbers.MAX_DIGITS) {
        throw new DeltaException("fossil delta " + what + " is larger than 32 bits");
      }
      v = (v << 6) | digit;
      pos++;
    }
    if (pos == first) {
      if (pos >= end) {
        throw new DeltaException("fossil delta is truncated: no ';' trailer");
      }
      throw new DeltaException(String.format(
          "fossil delta expects a number at offset %d, found 0x%02x", pos, delta[pos] & 0xff));
    }
    if (v > 0xffffffffL) {
      throw new DeltaException("fossil delta " + what + " is larger than 32 bits");
    }
    return v;
  }
}
