package io.sockudo.protocol;

/**
 * Thrown when a client frame or request breaks the protocol. It carries the {@link PusherError}
 * to answer with, so that the code is chosen where the problem is found and mapped to a frame in
 * one place.
 */
public final class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient PusherError error;

    public ProtocolException(PusherError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public PusherError error() {
        return error;
    }
}
