package io.sockudo.delta;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Adler32;

/**
 * Builds VCDIFF deltas instruction by instruction, with the address mode chosen by the test, so
 * decoder tests can pin every mode, overlapping copies, runs and window kinds. It tracks the
 * address caches the way RFC 3284 defines them and the expected target, independently of the
 * production encoder.
 */
final class VcdiffAssembler {
  private final ByteArrayOutputStream delta = new ByteArrayOutputStream();
  private final ByteArrayOutputStream expected = new ByteArrayOutputStream();

  // the window being built
  private byte[] segment = new byte[0];
  private int indicator;
  private long segmentPosition;
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();
  private final ByteArrayOutputStream inst = new ByteArrayOutputStream();
  private final ByteArrayOutputStream addr = new ByteArrayOutputStream();
  private final ByteArrayOutputStream window = new ByteArrayOutputStream();
  private final int[] near = new int[4];
  private int nextSlot;
  private final int[] same = new int[768];

  VcdiffAssembler() {
    this(0);
  }

  VcdiffAssembler(int headerIndicator) {
    delta.writeBytes(new byte[] {(byte) 0xD6, (byte) 0xC3, (byte) 0xC4, 0, (byte) headerIndicator});
  }

  VcdiffAssembler appHeader(String text) {
    byte[] b = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    integer(delta, b.length);
    delta.writeBytes(b);
    return this;
  }

  /** Starts a window copying from {@code base[pos, pos+len)}; len 0 means no source segment. */
  VcdiffAssembler sourceWindow(byte[] base, int pos, int len) {
    indicator = len > 0 ? 0x01 : 0;
    segment = Arrays.copyOfRange(base, pos, pos + len);
    segmentPosition = pos;
    return reset();
  }

  /** Starts a VCD_TARGET window copying from the target decoded so far, {@code [pos, pos+len)}. */
  VcdiffAssembler targetWindow(int pos, int len) {
    indicator = 0x02;
    segment = Arrays.copyOfRange(expected.toByteArray(), pos, pos + len);
    segmentPosition = pos;
    return reset();
  }

  private VcdiffAssembler reset() {
    data.reset();
    inst.reset();
    addr.reset();
    window.reset();
    Arrays.fill(near, 0);
    Arrays.fill(same, 0);
    nextSlot = 0;
    return this;
  }

  /** ADD with an explicit size (code 1). */
  VcdiffAssembler add(String text) {
    byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    inst.write(1);
    integer(inst, b.length);
    data.writeBytes(b);
    window.writeBytes(b);
    return this;
  }

  /** RUN (code 0). */
  VcdiffAssembler run(int size, int value) {
    inst.write(0);
    integer(inst, size);
    data.write(value);
    for (int i = 0; i < size; i++) {
      window.write(value);
    }
    return this;
  }

  /**
   * COPY of {@code size} bytes from {@code address} (in the window's address space: segment, then
   * this window's target) with an explicit size and the given mode.
   */
  VcdiffAssembler copy(int size, int address, int mode) {
    int here = segment.length + window.size();
    inst.write(19 + 16 * mode);
    integer(inst, size);
    if (mode == 0) {
      integer(addr, address);
    } else if (mode == 1) {
      integer(addr, here - address);
    } else if (mode < 6) {
      if (address < near[mode - 2]) {
        throw new IllegalArgumentException("NEAR " + (mode - 2) + " holds " + near[mode - 2] + " > " + address);
      }
      integer(addr, address - near[mode - 2]);
    } else {
      int slot = address % 768;
      if (same[slot] != address || slot / 256 != mode - 6) {
        throw new IllegalArgumentException("SAME mode " + mode + " cannot encode " + address);
      }
      addr.write(slot % 256);
    }
    near[nextSlot] = address;
    nextSlot = (nextSlot + 1) % 4;
    same[address % 768] = address;
    for (int i = 0; i < size; i++) {
      int a = address + i;
      byte[] w = window.toByteArray();
      window.write(a < segment.length ? segment[a] : w[a - segment.length]);
    }
    return this;
  }

  /** A raw instruction byte, for malformed-input tests. */
  VcdiffAssembler code(int code) {
    inst.write(code);
    return this;
  }

  VcdiffAssembler endWindow() {
    return endWindow(false);
  }

  VcdiffAssembler endWindow(boolean adler32) {
    byte[] target = window.toByteArray();
    ByteArrayOutputStream enc = new ByteArrayOutputStream();
    integer(enc, target.length);
    enc.write(0);
    integer(enc, data.size());
    integer(enc, inst.size());
    integer(enc, addr.size());
    if (adler32) {
      Adler32 a = new Adler32();
      a.update(target);
      long v = a.getValue();
      enc.write((int) (v >>> 24));
      enc.write((int) (v >>> 16));
      enc.write((int) (v >>> 8));
      enc.write((int) v);
    }
    enc.writeBytes(data.toByteArray());
    enc.writeBytes(inst.toByteArray());
    enc.writeBytes(addr.toByteArray());
    delta.write(indicator | (adler32 ? 0x04 : 0));
    if ((indicator & 0x03) != 0) {
      integer(delta, segment.length);
      integer(delta, segmentPosition);
    }
    integer(delta, enc.size());
    delta.writeBytes(enc.toByteArray());
    expected.writeBytes(target);
    return this;
  }

  byte[] delta() {
    return delta.toByteArray();
  }

  byte[] expected() {
    return expected.toByteArray();
  }

  static void integer(ByteArrayOutputStream out, long v) {
    int groups = 1;
    while (groups < 10 && (v >>> (7 * groups)) != 0) {
      groups++;
    }
    for (int g = groups - 1; g >= 0; g--) {
      int b = (int) ((v >>> (7 * g)) & 0x7f);
      out.write(g > 0 ? b | 0x80 : b);
    }
  }
}
