package io.sockudo.transport.websocket;

/**
 * The server side of RFC 6455 §5 framing, with no socket in sight: bytes go in, split however
 * the network split them, and messages, control frames, the peer's close or a protocol error
 * (with the code to close with) come out through a {@link FrameListener}.
 *
 * <p>It checks every frame as early as its bytes allow ({@link FrameHeader}), text as its bytes
 * arrive ({@link MessageAssembler}) and close frames as §7.4 says ({@link ControlFrames}). After a
 * close frame or a protocol error it takes nothing more. This class reads the stream: a header,
 * then the payload it announced, unmasked in place and passed to the part for its frame.
 *
 * <p>Memory follows what the peer has sent, never what it announces: a length header alone
 * allocates nothing. A message that arrives whole in one piece (the common case) is unmasked in
 * place and handed out of the caller's buffer, which is why {@link #feed} may change it; only a
 * message split across pieces or frames is copied, into a buffer that grows with the bytes and is
 * dropped when the message is complete. An idle decoder holds no buffer.
 *
 * <p>With permessage-deflate agreed (RFC 7692) the first frame of a message may carry RSV1: that
 * message's payload is inflated as it arrives, and the limit applies to the inflated bytes, so a
 * small frame that inflates beyond it closes with 1009 before the excess is held anywhere.
 */
final class FrameDecoder implements DecoderEnd {

    private final FrameListener listener;
    private final FrameHeader header;
    private final MessageAssembler message;
    private final ControlFrames controls;
    private boolean stopped;

    // the payload of the frame whose header was read
    private boolean inPayload;
    private long payloadLeft;

    /**
     * @param maxMessageBytes largest message (the sum of its fragments) taken; more closes with 1009
     */
    FrameDecoder(int maxMessageBytes, FrameListener listener) {
        this(maxMessageBytes, Long.MAX_VALUE, listener, null);
    }

    /**
     * @param maxMessageBytes largest message (the sum of its fragments) taken; more closes with 1009
     * @param maxFrameBytes   largest single data frame taken, whatever the message it belongs to; more closes with 1009
     */
    FrameDecoder(int maxMessageBytes, long maxFrameBytes, FrameListener listener) {
        this(maxMessageBytes, maxFrameBytes, listener, null);
    }

    /**
     * @param maxFrameBytes largest single data frame taken (its payload as sent, compressed or not)
     * @param inflater      the socket's permessage-deflate, or null when the extension was not agreed
     *                      (then any reserved bit is a protocol error)
     */
    FrameDecoder(int maxMessageBytes, long maxFrameBytes, FrameListener listener, MessageInflater inflater) {
        this.listener = listener;
        this.message = new MessageAssembler(maxMessageBytes, listener, inflater, this);
        this.header = new FrameHeader(maxMessageBytes, maxFrameBytes, inflater != null, message, this);
        this.controls = new ControlFrames(listener, this);
    }

    /**
     * Takes the next bytes from the peer. Unmasks payloads in place in {@code buf}. Events are
     * delivered before this returns; bytes of an unfinished frame are remembered (or, for a
     * message, copied) so the next call continues where this one stopped.
     */
    void feed(byte[] buf, int off, int len) {
        int p = off;
        int end = off + len;
        while (p < end && !stopped) {
            if (!inPayload) {
                p = header.read(buf, p, end);
                if (header.isComplete() && !stopped) {
                    startPayload();
                    if (payloadLeft == 0) {
                        payload(buf, p, 0);
                    }
                }
            } else {
                int n = (int) Math.min(payloadLeft, end - p);
                payload(buf, p, n);
                p += n;
            }
        }
    }

    /** Whether the decoder has seen a close frame or a protocol error, and so takes no more. */
    @Override
    public boolean isStopped() {
        return stopped;
    }

    private void startPayload() {
        inPayload = true;
        payloadLeft = header.length();
        if (header.startsMessage()) {
            message.start(header.opcode(), header.compressed());
        }
    }

    /** Takes {@code n} payload bytes at {@code buf[p]} (all of them in the buffer). */
    private void payload(byte[] buf, int p, int n) {
        long length = header.length();
        int phase = (int) ((length - payloadLeft) & 3);
        Masking.unmask(buf, p, n, header.mask(), phase);
        payloadLeft -= n;
        boolean frameDone = payloadLeft == 0;
        boolean wholeFrameHere = frameDone && n == length;
        if (frameDone) {
            inPayload = false;
            header.next();
        }
        if (header.isControl()) {
            controls.payload(header.opcode(), buf, p, n, frameDone, wholeFrameHere);
        } else {
            message.payload(buf, p, n, frameDone, header.isFinal(), wholeFrameHere);
        }
    }

    // ================================================================== the end

    @Override
    public boolean fail(int closeCode, String reason) {
        stop();
        listener.onProtocolError(closeCode, reason);
        return false;
    }

    @Override
    public void peerClosed(int code, String reason) {
        stop();
        listener.onClose(code, reason);
    }

    private void stop() {
        stopped = true;
        message.drop();
        controls.drop();
        release();
    }

    /** Frees the inflater's native memory; called when the socket ends. */
    void release() {
        message.release();
    }
}
