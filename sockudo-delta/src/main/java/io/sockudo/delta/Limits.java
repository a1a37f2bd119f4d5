package io.sockudo.delta;

/** Validation of the decoders' bound on output size, shared by both formats. */
final class Limits {
  private Limits() {
  }

  static int checkMaxTargetSize(int bytes) {
    if (bytes < 0 || bytes > DeltaOutput.MAX_CAPACITY) {
      throw new IllegalArgumentException("max target size must be 0.." + DeltaOutput.MAX_CAPACITY + ", not " + bytes);
    }
    return bytes;
  }
}
