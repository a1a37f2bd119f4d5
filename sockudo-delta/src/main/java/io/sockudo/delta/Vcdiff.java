package io.sockudo.delta;

/**
 * VCDIFF (RFC 3284) with the default code table and no secondary compression, as xdelta3 writes
 * it. {@link DeltaCodec#vcdiff()} writes plain RFC 3284 that every VCDIFF decoder reads,
 * including {@code @ably/vcdiff-decoder}; {@link #withAdler32()} adds xdelta3's per-window
 * Adler-32 checksum, which xdelta3 verifies but plain RFC 3284 decoders do not understand.
 *
 * <p>The decoder accepts both, skips xdelta3's application header, verifies checksums when
 * present, and rejects secondary compression and custom code tables. Immutable and thread-safe.
 */
public final class Vcdiff implements DeltaCodec {
  /** The wire name of VCDIFF deltas in the Pusher protocol. */
  public static final String NAME = "xdelta3";

  /**
   * Target bytes per window, 8 MiB like xdelta3: messages fit one window, and no window exceeds
   * the 16 MiB xdelta3's decoder accepts.
   */
  public static final int DEFAULT_WINDOW_SIZE = 8 << 20;
  /** xdelta3's decoder refuses larger windows. */
  public static final int MAX_WINDOW_SIZE = 16 << 20;

  static final Vcdiff PLAIN = new Vcdiff(false, DEFAULT_WINDOW_SIZE, DeltaCodec.DEFAULT_MAX_TARGET_SIZE);
  private static final Vcdiff CHECKSUMMED = new Vcdiff(true, DEFAULT_WINDOW_SIZE, DeltaCodec.DEFAULT_MAX_TARGET_SIZE);

  private final boolean adler32;
  private final int windowSize;
  private final int maxTargetSize;

  private Vcdiff(boolean adler32, int windowSize, int maxTargetSize) {
    this.adler32 = adler32;
    this.windowSize = windowSize;
    this.maxTargetSize = maxTargetSize;
  }

  /** Plain RFC 3284, the same as {@link DeltaCodec#vcdiff()}. */
  public static Vcdiff plain() {
    return PLAIN;
  }

  /** Deltas carrying xdelta3's Adler-32 checksum of every window (like {@code xdelta3 -e} without {@code -n}). */
  public static Vcdiff withAdler32() {
    return CHECKSUMMED;
  }

  /** The same codec splitting targets into windows of at most {@code bytes} (1 byte to 16 MiB). */
  public Vcdiff withWindowSize(int bytes) {
    if (bytes < 1 || bytes > MAX_WINDOW_SIZE) {
      throw new IllegalArgumentException("window size must be 1.." + MAX_WINDOW_SIZE + ", not " + bytes);
    }
    return new Vcdiff(adler32, bytes, maxTargetSize);
  }

  /**
   * The same codec with a different bound on decoded targets; a delta that would produce more
   * bytes is rejected with {@link DeltaException}. The default is
   * {@value DeltaCodec#DEFAULT_MAX_TARGET_SIZE} bytes.
   */
  public Vcdiff withMaxTargetSize(int bytes) {
    return new Vcdiff(adler32, windowSize, Limits.checkMaxTargetSize(bytes));
  }

  /** Whether encoded windows carry an Adler-32 checksum. */
  public boolean adler32() {
    return adler32;
  }

  public int windowSize() {
    return windowSize;
  }

  public int maxTargetSize() {
    return maxTargetSize;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public DeltaEncoder newEncoder() {
    return new VcdiffEncoder(this);
  }

  @Override
  public DeltaDecoder newDecoder() {
    return new VcdiffDecoder(this);
  }

  @Override
  public String toString() {
    return "Vcdiff[adler32=" + adler32 + ", windowSize=" + windowSize + ", maxTargetSize=" + maxTargetSize + "]";
  }
}
