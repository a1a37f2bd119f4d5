package io.sockudo.transport.websocket;

/**
 * How the parts of a {@link FrameDecoder} end it: a broken rule fails the connection with its
 * close code, the peer's valid close frame ends it cleanly, and either way nothing more is taken.
 * The parts report here rather than to the listener so that the decoder stops before the
 * listener hears why.
 */
interface DecoderEnd {

    /** Stops decoding and reports a protocol error with this close code; always false, so a check can return it. */
    boolean fail(int closeCode, String reason);

    /** Stops decoding and reports the peer's close frame. */
    void peerClosed(int code, String reason);

    /** Whether decoding has stopped (a close frame or a protocol error). */
    boolean isStopped();
}
