package io.sockudo.delta;

import java.util.Arrays;

/**
 * A growable byte buffer that encoders and decoders append to, so a caller can reuse one buffer
 * for every message instead of allocating a result array per call.
 *
 * <p>Bytes {@code [0, length())} of {@link #array()} are valid. {@link #reset()} empties the
 * buffer but keeps its storage. Not thread-safe: keep one per thread.
 *
 * <pre>{@code
 * DeltaOutput out = new DeltaOutput();
 * out.reset();
 * encoder.encode(base, 0, base.length, message, 0, message.length, out);
 * socket.send(out.array(), 0, out.length());
 * }</pre>
 */
public final class DeltaOutput {
  /** Largest array the JVM reliably allocates. */
  static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

  private byte[] buf;
  private int len;

  public DeltaOutput() {
    this(256);
  }

  public DeltaOutput(int initialCapacity) {
    if (initialCapacity < 0) {
      throw new IllegalArgumentException("negative capacity " + initialCapacity);
    }
    buf = new byte[initialCapacity];
  }

  /** The backing array; only the first {@link #length()} bytes are meaningful. */
  public byte[] array() {
    return buf;
  }

  public int length() {
    return len;
  }

  public int capacity() {
    return buf.length;
  }

  /** Forgets the content and keeps the storage for the next message. */
  public void reset() {
    len = 0;
  }

  /** A copy of the content, exactly {@link #length()} bytes long. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /**
   * The content as an array of exactly {@link #length()} bytes: the backing array itself when it
   * is already that size (so a decoder that sized it exactly hands it over without a copy).
   */
  byte[] toExactArray() {
    return len == buf.length ? buf : Arrays.copyOf(buf, len);
  }

  /**
   * Makes room for {@code extra} more bytes and returns the backing array, which may have been
   * replaced. Hot loops call this once and then write into the array directly.
   */
  byte[] ensureSpare(long extra) {
    long needed = len + extra;
    if (needed > buf.length) {
      grow(needed);
    }
    return buf;
  }

  private void grow(long needed) {
    if (needed > MAX_CAPACITY) {
      throw new DeltaException("output of " + needed + " bytes exceeds the largest possible array");
    }
    long doubled = (long) buf.length * 2;
    int capacity = (int) Math.min(MAX_CAPACITY, Math.max(needed, doubled));
    buf = Arrays.copyOf(buf, capacity);
  }

  /** Sets the length after the caller wrote into {@link #ensureSpare(int)}'s array. */
  void setLength(int length) {
    len = length;
  }

  void write(int b) {
    if (len == buf.length) {
      grow(len + 1L);
    }
    buf[len++] = (byte) b;
  }

  void write(byte[] src, int off, int count) {
    if (count > buf.length - len) {
      grow((long) len + count);
    }
    System.arraycopy(src, off, buf, len, count);
    len += count;
  }
}
