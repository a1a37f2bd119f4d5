package io.sockudo.delta;

import java.util.ArrayList;
import java.util.List;

/** A test-side reading of a VCDIFF delta's header and window headers (RFC 3284 section 4). */
record VcdiffStructure(int headerIndicator, List<Window> windowList) {

  record Window(int indicator, long segmentLength, long segmentPosition, int targetLength, int deltaIndicator,
                int dataLength, int instLength, int addrLength, int dataStart) {
  }

  int windows() {
    return windowList.size();
  }

  Window window(int i) {
    return windowList.get(i);
  }

  /** One decoded instruction of a window: its code byte, type, size and address mode. */
  record Instruction(int code, int type, int size, int mode) {
  }

  /** The instructions of window {@code w}, read with the default code table. */
  static List<Instruction> instructions(byte[] delta, int w) {
    Window win = of(delta).window(w);
    int[] pos = {win.dataStart() + win.dataLength()};
    int end = pos[0] + win.instLength();
    List<Instruction> list = new ArrayList<>();
    while (pos[0] < end) {
      int code = delta[pos[0]++] & 0xff;
      for (int half = 0; half < 2; half++) {
        int type = half == 0 ? VcdiffCodeTable.TYPE1[code] : VcdiffCodeTable.TYPE2[code];
        if (type == VcdiffCodeTable.NOOP) {
          continue;
        }
        int size = (half == 0 ? VcdiffCodeTable.SIZE1[code] : VcdiffCodeTable.SIZE2[code]) & 0xff;
        if (size == 0) {
          size = (int) integer(delta, pos);
        }
        int mode = half == 0 ? VcdiffCodeTable.MODE1[code] : VcdiffCodeTable.MODE2[code];
        list.add(new Instruction(code, type, size, type == VcdiffCodeTable.COPY ? mode : -1));
      }
    }
    return list;
  }

  static VcdiffStructure of(byte[] d) {
    int[] pos = {4};
    int indicator = d[pos[0]++] & 0xff;
    if ((indicator & 1) != 0) {
      pos[0]++;
    }
    if ((indicator & 4) != 0) {
      int n = (int) integer(d, pos);
      pos[0] += n;
    }
    List<Window> windows = new ArrayList<>();
    while (pos[0] < d.length) {
      int winIndicator = d[pos[0]++] & 0xff;
      long segLen = 0;
      long segPos = 0;
      if ((winIndicator & 3) != 0) {
        segLen = integer(d, pos);
        segPos = integer(d, pos);
      }
      int encLen = (int) integer(d, pos);
      int end = pos[0] + encLen;
      int tgtLen = (int) integer(d, pos);
      int deltaIndicator = d[pos[0]++] & 0xff;
      int data = (int) integer(d, pos);
      int inst = (int) integer(d, pos);
      int addr = (int) integer(d, pos);
      if ((winIndicator & 4) != 0) {
        pos[0] += 4;
      }
      windows.add(new Window(winIndicator, segLen, segPos, tgtLen, deltaIndicator, data, inst, addr, pos[0]));
      pos[0] = end;
    }
    return new VcdiffStructure(indicator, windows);
  }

  private static long integer(byte[] d, int[] pos) {
    long v = 0;
    int b;
    do {
      b = d[pos[0]++] & 0xff;
      v = (v << 7) | (b & 0x7f);
    } while ((b & 0x80) != 0);
    return v;
  }
}
