package io.sockudo.delta;

/**
 * Thrown for every malformed, truncated, corrupt or unsupported delta, and for inputs a codec
 * cannot represent. Decoders never fail with any other exception on bad input, so callers that
 * receive deltas from the network need to catch only this one.
 */
public final class DeltaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DeltaException(String message) {
    super(message);
  }
}
