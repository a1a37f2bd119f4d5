package io.sockudo.delta;

import java.util.Objects;
import java.util.zip.Adler32;

/**
 * Writes RFC 3284 deltas: the 5-byte header (no secondary compression, no custom code table, no
 * application header), then one window per {@link Vcdiff#windowSize()} bytes of target.
 *
 * <p>Every window with target bytes names the whole base as its source segment, so addresses are
 * final while matching and each copy is scored with its true cost. A window gets no source
 * segment when the base is empty, because some decoders mishandle an empty segment. An empty
 * target still gets one (empty) window: xdelta3 rejects a delta without windows.
 */
final class VcdiffEncoder implements DeltaEncoder {
  static final byte[] MAGIC = {(byte) 0xD6, (byte) 0xC3, (byte) 0xC4, 0};
  static final int VCD_SOURCE = 0x01;
  static final int VCD_ADLER32 = 0x04;

  private final Vcdiff codec;
  private final SourceIndex index = new SourceIndex();
  private final VcdiffMatcher matcher = new VcdiffMatcher();
  private final VcdiffInstructionWriter writer = new VcdiffInstructionWriter();
  private final Adler32 adler32 = new Adler32();

  VcdiffEncoder(Vcdiff codec) {
    this.codec = codec;
  }

  @Override
  public DeltaCodec codec() {
    return codec;
  }

  @Override
  public int encode(byte[] src, int srcOff, int srcLen,
                    byte[] tgt, int tgtOff, int tgtLen, DeltaOutput out) {
    Objects.checkFromIndexSize(srcOff, srcLen, src.length);
    Objects.checkFromIndexSize(tgtOff, tgtLen, tgt.length);
    int windowSize = codec.windowSize();
    // addresses span base + window and are written as 31-bit integers by some decoders' rules
    if ((long) srcLen + windowSize > Integer.MAX_VALUE) {
      throw new DeltaException("VCDIFF base of " + srcLen + " bytes is too large for windows of "
          + windowSize + " bytes");
    }
    int start = out.length();
    out.write(MAGIC, 0, MAGIC.length);
    out.write(0); // Hdr_Indicator
    index.reset(src, srcOff, srcLen);
    try {
      int done = 0;
      do {
        int n = Math.min(windowSize, tgtLen - done);
        writer.begin();
        matcher.matchWindow(src, srcOff, srcLen, index, tgt, tgtOff + done, n, done, writer);
        writer.finish();
        writeWindow(out, n > 0 ? srcLen : 0, tgt, tgtOff + done, n);
        done += n;
      } while (done < tgtLen);
    } finally {
      index.release();
    }
    return out.length() - start;
  }

  private void writeWindow(DeltaOutput out, int segLen, byte[] tgt, int off, int n) {
    VcdiffInstructionWriter w = writer;
    boolean checksum = codec.adler32();
    int sections = w.dataLen + w.instLen + w.addrLen;
    // from "target window length" to the end of the address section
    long encoding = VcdiffInts.length(n) + 1L
        + VcdiffInts.length(w.dataLen) + VcdiffInts.length(w.instLen) + VcdiffInts.length(w.addrLen)
        + (checksum ? 4 : 0) + sections;
    if (encoding > Integer.MAX_VALUE) {
      throw new DeltaException("VCDIFF window of " + encoding + " bytes cannot be written");
    }
    byte[] z = out.ensureSpare(1 + 10 + 5 + encoding);
    int q = out.length();
    int indicator = (segLen > 0 ? VCD_SOURCE : 0) | (checksum ? VCD_ADLER32 : 0);
    z[q++] = (byte) indicator;
    if (segLen > 0) {
      q = VcdiffInts.put(z, q, segLen);
      z[q++] = 0; // segment position
    }
    q = VcdiffInts.put(z, q, (int) encoding);
    q = VcdiffInts.put(z, q, n);
    z[q++] = 0; // Delta_Indicator: no compressed sections
    q = VcdiffInts.put(z, q, w.dataLen);
    q = VcdiffInts.put(z, q, w.instLen);
    q = VcdiffInts.put(z, q, w.addrLen);
    if (checksum) {
      adler32.reset();
      adler32.update(tgt, off, n);
      int sum = (int) adler32.getValue();
      z[q++] = (byte) (sum >>> 24);
      z[q++] = (byte) (sum >>> 16);
      z[q++] = (byte) (sum >>> 8);
      z[q++] = (byte) sum;
    }
    System.arraycopy(w.data, 0, z, q, w.dataLen);
    q += w.dataLen;
    System.arraycopy(w.inst, 0, z, q, w.instLen);
    q += w.instLen;
    System.arraycopy(w.addr, 0, z, q, w.addrLen);
    q += w.addrLen;
    out.setLength(q);
  }
}
