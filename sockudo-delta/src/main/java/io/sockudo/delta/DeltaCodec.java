package io.sockudo.delta;

/**
 * A delta format: {@code encode(base, target)} makes a delta that {@code decode(base, delta)}
 * turns back into {@code target}.
 *
 * <p>Codec objects are immutable and thread-safe. The methods on the codec itself allocate
 * their scratch state (hash tables) per call; a caller that encodes many messages on one thread
 * keeps a {@link DeltaEncoder} from {@link #newEncoder()} instead, which reuses it. Every
 * malformed delta makes a decoder throw {@link DeltaException} and nothing else.
 *
 * <p>The range variants append to a caller-owned {@link DeltaOutput} and return the number of
 * bytes they appended.
 */
public interface DeltaCodec {

  /**
   * Default bound on what a decoder produces, 64 MiB: far above any realtime message, small
   * enough that a forged delta cannot exhaust a server's heap. Larger files need
   * {@link Fossil#withMaxTargetSize} or {@link Vcdiff#withMaxTargetSize}.
   */
  int DEFAULT_MAX_TARGET_SIZE = 64 << 20;

  /** The Fossil SCM delta format, byte-identical to Fossil's own encoder. */
  static Fossil fossil() {
    return Fossil.DEFAULT;
  }

  /**
   * Plain RFC 3284 VCDIFF: no secondary compression, no application header, no checksum, which
   * every VCDIFF decoder reads (xdelta3, open-vcdiff, {@code @ably/vcdiff-decoder}).
   */
  static Vcdiff vcdiff() {
    return Vcdiff.PLAIN;
  }

  /**
   * The codec for a wire name: {@code "fossil"}, or {@code "xdelta3"} (also {@code "vcdiff"}) for
   * plain VCDIFF.
   *
   * @throws IllegalArgumentException for any other name
   */
  static DeltaCodec forName(String name) {
    switch (name) {
      case Fossil.NAME:
        return fossil();
      case Vcdiff.NAME:
      case "vcdiff":
        return vcdiff();
      default:
        throw new IllegalArgumentException("unknown delta codec '" + name + "'");
    }
  }

  /** The wire name: {@code "fossil"} or {@code "xdelta3"}. */
  String name();

  /** A reusable encoder with its own scratch state; use it from one thread at a time. */
  DeltaEncoder newEncoder();

  /** A reusable decoder with its own scratch state; use it from one thread at a time. */
  DeltaDecoder newDecoder();

  default byte[] encode(byte[] base, byte[] target) {
    return newEncoder().encode(base, target);
  }

  default int encode(byte[] base, int baseOff, int baseLen,
                     byte[] target, int targetOff, int targetLen, DeltaOutput out) {
    return newEncoder().encode(base, baseOff, baseLen, target, targetOff, targetLen, out);
  }

  default byte[] decode(byte[] base, byte[] delta) {
    return newDecoder().decode(base, delta);
  }

  default int decode(byte[] base, int baseOff, int baseLen,
                     byte[] delta, int deltaOff, int deltaLen, DeltaOutput out) {
    return newDecoder().decode(base, baseOff, baseLen, delta, deltaOff, deltaLen, out);
  }
}
