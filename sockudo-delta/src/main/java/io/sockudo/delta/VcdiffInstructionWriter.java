package io.sockudo.delta;

import java.util.Arrays;

/**
 * Turns one window's instructions into its three sections (data, instructions, addresses) with
 * the default code table.
 *
 * <p>An instruction that could share a code with the next one is held back until that one
 * arrives: ADD(1..4) followed by COPY(4..6) and COPY(4) followed by ADD(1) each take one code
 * byte. Each COPY takes the address mode that needs the fewest bytes, counting the code byte a
 * pairing saves: the caches evolve the same whatever mode is chosen, so this choice is exact.
 */
final class VcdiffInstructionWriter {
  private static final int NONE = 0;
  private static final int PENDING_ADD = 1;
  private static final int PENDING_COPY = 2;
  /** Most bytes one instruction adds to the instruction or address section. */
  private static final int MAX_ENTRY = 6;

  final AddressCache cache = new AddressCache();

  byte[] data = new byte[1024];
  byte[] inst = new byte[256];
  byte[] addr = new byte[256];
  int dataLen;
  int instLen;
  int addrLen;

  private int pending = NONE;
  private int pendingSize;
  private int pendingMode;

  /** Starts a window. */
  void begin() {
    dataLen = 0;
    instLen = 0;
    addrLen = 0;
    pending = NONE;
    cache.reset();
  }

  void add(byte[] src, int off, int len) {
    // the data section of a delta of similar inputs is a small part of the window: grow on demand
    if (data.length - dataLen < len) {
      data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) dataLen + len, 2L * data.length)));
    }
    System.arraycopy(src, off, data, dataLen, len);
    dataLen += len;
    if (pending == PENDING_COPY && len == 1) {
      putInst(VcdiffCodeTable.copyAdd(pendingMode));
      pending = NONE;
      return;
    }
    flushPending();
    if (len <= 4) {
      pending = PENDING_ADD;
      pendingSize = len;
    } else {
      putAdd(len);
    }
  }

  void run(int len, byte value) {
    flushPending();
    if (dataLen == data.length) {
      data = Arrays.copyOf(data, data.length * 2);
    }
    data[dataLen++] = value;
    ensureInst();
    inst[instLen++] = 0;
    instLen = VcdiffInts.put(inst, instLen, len);
  }

  /** A COPY of {@code len} bytes from {@code address}, decoded at position {@code here}. */
  void copy(int len, int address, int here) {
    long packed = cache.bestNonSame(address, here);
    int mode = (int) (packed & 15);
    int value = (int) (packed >>> 4);
    int cost = VcdiffInts.length(value);
    int sameSlot = address % AddressCache.SAME_SIZE;
    boolean same = cache.same(sameSlot) == address;

    if (pending == PENDING_ADD && VcdiffCodeTable.hasAddCopy(pendingSize, len, 0)) {
      // the pair costs one code byte; a cheaper SAME address that cannot pair must save two
      boolean sameCanPair = len == 4;
      if (same && (sameCanPair || cost > 2)) {
        if (sameCanPair) {
          putSame(sameSlot);
          putInst(VcdiffCodeTable.addCopy(pendingSize, len, sameMode(sameSlot)));
          pending = NONE;
        } else {
          putSame(sameSlot);
          flushPending();
          putCopy(len, sameMode(sameSlot));
        }
      } else {
        putValue(value);
        putInst(VcdiffCodeTable.addCopy(pendingSize, len, mode));
        pending = NONE;
      }
      cache.update(address);
      return;
    }

    flushPending();
    if (same && cost > 1) {
      mode = sameMode(sameSlot);
      putSame(sameSlot);
    } else {
      putValue(value);
    }
    if (len == 4) {
      pending = PENDING_COPY;
      pendingSize = 4;
      pendingMode = mode;
    } else {
      putCopy(len, mode);
    }
    cache.update(address);
  }

  /** Writes what is still held back; call at the end of the window. */
  void finish() {
    flushPending();
  }

  private static int sameMode(int sameSlot) {
    return VcdiffCodeTable.FIRST_SAME_MODE + (sameSlot >> 8);
  }

  private void flushPending() {
    if (pending == PENDING_ADD) {
      putAdd(pendingSize);
    } else if (pending == PENDING_COPY) {
      putCopy(pendingSize, pendingMode);
    }
    pending = NONE;
  }

  private void putAdd(int len) {
    ensureInst();
    inst[instLen++] = (byte) VcdiffCodeTable.add(len);
    if (VcdiffCodeTable.addHasExplicitSize(len)) {
      instLen = VcdiffInts.put(inst, instLen, len);
    }
  }

  private void putCopy(int len, int mode) {
    ensureInst();
    inst[instLen++] = (byte) VcdiffCodeTable.copy(len, mode);
    if (VcdiffCodeTable.copyHasExplicitSize(len)) {
      instLen = VcdiffInts.put(inst, instLen, len);
    }
  }

  private void putInst(int code) {
    ensureInst();
    inst[instLen++] = (byte) code;
  }

  private void putValue(int value) {
    ensureAddr();
    addrLen = VcdiffInts.put(addr, addrLen, value);
  }

  private void putSame(int sameSlot) {
    ensureAddr();
    addr[addrLen++] = (byte) sameSlot;
  }

  private void ensureInst() {
    if (inst.length - instLen < MAX_ENTRY) {
      inst = Arrays.copyOf(inst, inst.length * 2);
    }
  }

  private void ensureAddr() {
    if (addr.length - addrLen < MAX_ENTRY) {
      addr = Arrays.copyOf(addr, addr.length * 2);
    }
  }
}
