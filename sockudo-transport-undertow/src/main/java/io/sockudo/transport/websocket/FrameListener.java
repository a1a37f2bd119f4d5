package io.sockudo.transport.websocket;

/**
 * What a {@link FrameDecoder} makes of the bytes it is fed. A payload is lent for the call only:
 * it may live in the caller's read buffer, which the next read overwrites.
 */
interface FrameListener {

    /** A complete text message, valid UTF-8. */
    void onText(byte[] buf, int off, int len);

    /** A complete binary message. */
    void onBinary(byte[] buf, int off, int len);

    void onPing(byte[] buf, int off, int len);

    void onPong(byte[] buf, int off, int len);

    /**
     * The peer's close frame, well formed; {@code code} is {@link CloseCodes#NO_STATUS} when it
     * carried none. The decoder takes nothing after it.
     */
    void onClose(int code, String reason);

    /**
     * The peer broke the protocol; {@code closeCode} is the code to close with (1002, 1007 or
     * 1009). The decoder takes nothing after it.
     */
    void onProtocolError(int closeCode, String reason);
}
