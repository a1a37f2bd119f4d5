package io.sockudo.delta;

/**
 * The Fossil SCM delta format. Deltas are byte-identical to those of Fossil's C encoder
 * ({@code fossil test-delta-create}) and apply with Fossil and with npm {@code fossil-delta}.
 *
 * <p>Immutable and thread-safe. Obtain it from {@link DeltaCodec#fossil()}.
 */
public final class Fossil implements DeltaCodec {
  /** The wire name. */
  public static final String NAME = "fossil";

  static final Fossil DEFAULT = new Fossil(DeltaCodec.DEFAULT_MAX_TARGET_SIZE);

  private final int maxTargetSize;

  private Fossil(int maxTargetSize) {
    this.maxTargetSize = maxTargetSize;
  }

  /**
   * The same codec with a different bound on decoded targets; a delta that would produce more
   * bytes is rejected with {@link DeltaException}. The default is
   * {@value DeltaCodec#DEFAULT_MAX_TARGET_SIZE} bytes.
   */
  public Fossil withMaxTargetSize(int bytes) {
    return new Fossil(Limits.checkMaxTargetSize(bytes));
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
    return new FossilEncoder(this);
  }

  @Override
  public DeltaDecoder newDecoder() {
    return new FossilDecoder(this);
  }

  @Override
  public String toString() {
    return "Fossil[maxTargetSize=" + maxTargetSize + "]";
  }
}
