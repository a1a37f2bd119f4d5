package io.sockudo.delta;

/**
 * The default instruction code table of RFC 3284 (section 5.6), built from its generating rules.
 * Each of the 256 codes stands for one or two instructions; a size of 0 means the size follows
 * as an integer in the instruction section.
 *
 * <p>The encoder needs only the arithmetic of the layout ({@link #add}, {@link #copy},
 * {@link #addCopy}, {@link #copyAdd}); the decoder reads the arrays.
 */
final class VcdiffCodeTable {
  static final byte NOOP = 0;
  static final byte ADD = 1;
  static final byte RUN = 2;
  static final byte COPY = 3;

  /** Address modes: SELF, HERE, four NEAR slots, three SAME blocks. */
  static final int MODES = 9;
  static final int FIRST_SAME_MODE = 6;

  static final byte[] TYPE1 = new byte[256];
  static final byte[] SIZE1 = new byte[256];
  static final byte[] MODE1 = new byte[256];
  static final byte[] TYPE2 = new byte[256];
  static final byte[] SIZE2 = new byte[256];
  static final byte[] MODE2 = new byte[256];

  static {
    int i = 0;
    set(i++, RUN, 0, 0, NOOP, 0, 0);
    for (int size = 0; size <= 17; size++) {
      set(i++, ADD, size, 0, NOOP, 0, 0);
    }
    for (int mode = 0; mode < MODES; mode++) {
      set(i++, COPY, 0, mode, NOOP, 0, 0);
      for (int size = 4; size <= 18; size++) {
        set(i++, COPY, size, mode, NOOP, 0, 0);
      }
    }
    for (int mode = 0; mode < FIRST_SAME_MODE; mode++) {
      for (int add = 1; add <= 4; add++) {
        for (int copy = 4; copy <= 6; copy++) {
          set(i++, ADD, add, 0, COPY, copy, mode);
        }
      }
    }
    for (int mode = FIRST_SAME_MODE; mode < MODES; mode++) {
      for (int add = 1; add <= 4; add++) {
        set(i++, ADD, add, 0, COPY, 4, mode);
      }
    }
    for (int mode = 0; mode < MODES; mode++) {
      set(i++, COPY, 4, mode, ADD, 1, 0);
    }
    if (i != 256) {
      throw new AssertionError("code table has " + i + " entries");
    }
  }

  private VcdiffCodeTable() {
  }

  private static void set(int code, byte type1, int size1, int mode1, byte type2, int size2, int mode2) {
    TYPE1[code] = type1;
    SIZE1[code] = (byte) size1;
    MODE1[code] = (byte) mode1;
    TYPE2[code] = type2;
    SIZE2[code] = (byte) size2;
    MODE2[code] = (byte) mode2;
  }

  /** Code of a single ADD; sizes above 17 use code 1 with an explicit size. */
  static int add(int size) {
    return size <= 17 ? 1 + size : 1;
  }

  static boolean addHasExplicitSize(int size) {
    return size > 17;
  }

  /** Code of a single COPY; sizes outside 4..18 use an explicit size. */
  static int copy(int size, int mode) {
    int base = 19 + 16 * mode;
    return size >= 4 && size <= 18 ? base + size - 3 : base;
  }

  static boolean copyHasExplicitSize(int size) {
    return size < 4 || size > 18;
  }

  /** Whether ADD(addSize) then COPY(copySize, mode) share one code. */
  static boolean hasAddCopy(int addSize, int copySize, int mode) {
    if (addSize < 1 || addSize > 4) {
      return false;
    }
    return mode < FIRST_SAME_MODE ? copySize >= 4 && copySize <= 6 : copySize == 4;
  }

  static int addCopy(int addSize, int copySize, int mode) {
    return mode < FIRST_SAME_MODE
        ? 163 + 12 * mode + 3 * (addSize - 1) + (copySize - 4)
        : 235 + 4 * (mode - FIRST_SAME_MODE) + (addSize - 1);
  }

  /** The code for COPY(4, mode) followed by ADD(1). */
  static int copyAdd(int mode) {
    return 247 + mode;
  }
}
