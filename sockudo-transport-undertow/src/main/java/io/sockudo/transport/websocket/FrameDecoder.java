package io.sockudo.transport.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The server side of RFC 6455 §5 framing, with no socket in sight: bytes go in, split however
 * the network split them, and messages, control frames, the peer's close or a protocol error
 * (with the code to close with) come out through a {@link FrameListener}.
 *
 * <p>It checks every frame as early as its bytes allow: reserved bits, opcodes and the order of
 * fragments on the first byte; masking and the control-frame rules on the second; the length
 * once it is known; text as its bytes arrive (a fragmented message with bad UTF-8 fails on its
 * first bad fragment). After a close frame or a protocol error it takes nothing more.
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
final class FrameDecoder {

    static final int MAX_CONTROL_PAYLOAD = 125;
    private static final int NO_MESSAGE = -1;
    private static final int MIN_MESSAGE_BUFFER = 256;

    private static final int RSV1 = 0x40;
    private static final int RSV2_RSV3 = 0x30;

    private final int maxMessageBytes;
    private final long maxFrameBytes;
    private final FrameListener listener;
    /** The agreed permessage-deflate, or null when none was. */
    private final MessageInflater inflater;
    private final MessageInflater.Sink inflatedSink = this::acceptInflated;
    private boolean stopped;

    // the frame being read: its header, then its payload
    private int headerRead;
    private int b0;
    private int extendedLengthBytes;
    private long length;
    private int mask;
    private boolean inPayload;
    private long payloadLeft;

    /** Opcode of the message being reassembled from fragments, or {@link #NO_MESSAGE}. */
    private int messageOpcode = NO_MESSAGE;
    private byte[] message;
    private int messageLength;
    /** Whether the message being read is compressed, and how many compressed bytes it had so far. */
    private boolean compressed;
    private long compressedLength;
    private final Utf8Validator utf8 = new Utf8Validator();

    /** A control frame's payload that arrived in pieces. */
    private byte[] control;
    private int controlLength;

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
        this.maxMessageBytes = maxMessageBytes;
        this.maxFrameBytes = maxFrameBytes;
        this.listener = listener;
        this.inflater = inflater;
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
                p = readHeader(buf, p, end);
                if (inPayload && payloadLeft == 0) {
                    payload(buf, p, 0);
                }
            } else {
                int n = (int) Math.min(payloadLeft, end - p);
                payload(buf, p, n);
                p += n;
            }
        }
    }

    /** Whether the decoder has seen a close frame or a protocol error, and so takes no more. */
    boolean isStopped() {
        return stopped;
    }

    // ================================================================== header

    /** Reads header bytes until the header is complete or the bytes end; returns the new position. */
    private int readHeader(byte[] buf, int p, int end) {
        while (p < end) {
            int b = buf[p++] & 0xFF;
            int at = headerRead++;
            if (at == 0) {
                b0 = b;
                if (!firstByteAllowed()) {
                    return p;
                }
            } else if (at == 1) {
                if (!secondByteAllowed(b)) {
                    return p;
                }
            } else if (at < 2 + extendedLengthBytes) {
                length = (length << 8) | b;
                if (at == 1 + extendedLengthBytes && !lengthAllowed()) {
                    return p;
                }
            } else {
                mask = (mask << 8) | b;
                if (at == 5 + extendedLengthBytes) {
                    startPayload();
                    return p;
                }
            }
        }
        return p;
    }

    private boolean firstByteAllowed() {
        int opcode = b0 & 0x0F;
        if ((b0 & RSV2_RSV3) != 0 || (b0 & RSV1) != 0 && inflater == null) {
            return fail(CloseCodes.PROTOCOL_ERROR, "Reserved bits set without a negotiated extension");
        }
        if (!Opcode.isKnown(opcode)) {
            return fail(CloseCodes.PROTOCOL_ERROR, "Unknown opcode " + opcode);
        }
        if (opcode == Opcode.CONTINUATION && messageOpcode == NO_MESSAGE) {
            return fail(CloseCodes.PROTOCOL_ERROR, "Continuation frame without a message to continue");
        }
        if ((opcode == Opcode.TEXT || opcode == Opcode.BINARY) && messageOpcode != NO_MESSAGE) {
            return fail(CloseCodes.PROTOCOL_ERROR, "A new message started before the fragmented one ended");
        }
        if (isControl() && !isFinal()) {
            return fail(CloseCodes.PROTOCOL_ERROR, "Control frames must not be fragmented");
        }
        if ((b0 & RSV1) != 0 && (isControl() || opcode == Opcode.CONTINUATION)) {
            return fail(CloseCodes.PROTOCOL_ERROR, "RSV1 marks only the first frame of a compressed message");
        }
        return true;
    }

    private boolean secondByteAllowed(int b1) {
        if ((b1 & 0x80) == 0) {
            return fail(CloseCodes.PROTOCOL_ERROR, "Client frames must be masked");
        }
        int len = b1 & 0x7F;
        if (isControl() && len > MAX_CONTROL_PAYLOAD) {
            return fail(CloseCodes.PROTOCOL_ERROR, "Control frames carry at most 125 bytes");
        }
        length = 0;
        extendedLengthBytes = len == 126 ? 2 : len == 127 ? 8 : 0;
        if (extendedLengthBytes == 0) {
            length = len;
            return lengthAllowed();
        }
        return true;
    }

    private boolean lengthAllowed() {
        if (length < 0) {
            return fail(CloseCodes.PROTOCOL_ERROR, "The most significant bit of a 64-bit payload length must be 0");
        }
        if (!isControl() && length > maxFrameBytes) {
            return fail(CloseCodes.MESSAGE_TOO_BIG, "Maximum frame size exceeded");
        }
        long had = isControl() ? 0 : startsMessage() ? 0 : compressed ? compressedLength : messageLength;
        if (!isControl() && length > maxMessageBytes - had) {
            return fail(CloseCodes.MESSAGE_TOO_BIG, "Maximum message size exceeded");
        }
        return true;
    }

    private boolean startsMessage() {
        int opcode = b0 & 0x0F;
        return opcode == Opcode.TEXT || opcode == Opcode.BINARY;
    }

    private void startPayload() {
        inPayload = true;
        payloadLeft = length;
        int opcode = b0 & 0x0F;
        if (opcode == Opcode.TEXT || opcode == Opcode.BINARY) {
            messageOpcode = opcode;
            messageLength = 0;
            compressed = (b0 & RSV1) != 0;
            compressedLength = 0;
            utf8.reset();
        }
    }

    private boolean isControl() {
        return Opcode.isControl(b0 & 0x0F);
    }

    private boolean isFinal() {
        return (b0 & 0x80) != 0;
    }

    // ================================================================== payload

    /** Takes {@code n} payload bytes at {@code buf[p]} (all of them in the buffer). */
    private void payload(byte[] buf, int p, int n) {
        int phase = (int) ((length - payloadLeft) & 3);
        Masking.unmask(buf, p, n, mask, phase);
        payloadLeft -= n;
        boolean frameDone = payloadLeft == 0;
        boolean wholeFrameHere = frameDone && n == length;
        if (frameDone) {
            inPayload = false;
            headerRead = 0;
            mask = 0;
        }
        if (isControl()) {
            controlPayload(buf, p, n, frameDone, wholeFrameHere);
        } else {
            dataPayload(buf, p, n, frameDone, wholeFrameHere);
        }
    }

    private void dataPayload(byte[] buf, int p, int n, boolean frameDone, boolean wholeFrameHere) {
        if (compressed) {
            compressedPayload(buf, p, n, frameDone && isFinal());
            return;
        }
        boolean text = messageOpcode == Opcode.TEXT;
        if (text && !utf8.accept(buf, p, n)) {
            fail(CloseCodes.INVALID_PAYLOAD, "Text frames must be valid UTF-8");
            return;
        }
        boolean messageDone = frameDone && isFinal();
        if (messageDone && text && !utf8.isComplete()) {
            fail(CloseCodes.INVALID_PAYLOAD, "Text frames must be valid UTF-8");
            return;
        }
        if (messageDone && wholeFrameHere && messageLength == 0) {
            deliver(buf, p, n); // the whole message is in the caller's buffer: no copy
            return;
        }
        append(buf, p, n);
        if (messageDone) {
            byte[] m = message;
            int len = messageLength;
            message = null;
            deliver(m, 0, len);
        }
    }

    private void compressedPayload(byte[] buf, int p, int n, boolean messageDone) {
        compressedLength += n;
        if (!inflated(inflater.inflate(buf, p, n, inflatedSink)) || messageDone && !inflated(inflater.endMessage(inflatedSink))) {
            return;
        }
        if (!messageDone) {
            return;
        }
        if (messageOpcode == Opcode.TEXT && !utf8.isComplete()) {
            fail(CloseCodes.INVALID_PAYLOAD, "Text frames must be valid UTF-8");
            return;
        }
        byte[] m = message == null ? new byte[0] : message;
        int len = messageLength;
        message = null;
        compressed = false;
        deliver(m, 0, len);
    }

    /** Whether inflating went well; otherwise the connection has failed (the sink's refusal already did). */
    private boolean inflated(MessageInflater.Result r) {
        if (r == MessageInflater.Result.INVALID) {
            fail(CloseCodes.INVALID_PAYLOAD, "A compressed message must be a valid DEFLATE stream");
        }
        return r == MessageInflater.Result.OK && !stopped;
    }

    /** Inflated bytes of the message: counted against the limit, checked as UTF-8 if text, kept. */
    private boolean acceptInflated(byte[] out, int off, int n) {
        if (n > maxMessageBytes - messageLength) {
            fail(CloseCodes.MESSAGE_TOO_BIG, "Maximum message size exceeded");
            return false;
        }
        if (messageOpcode == Opcode.TEXT && !utf8.accept(out, off, n)) {
            fail(CloseCodes.INVALID_PAYLOAD, "Text frames must be valid UTF-8");
            return false;
        }
        append(out, off, n);
        return true;
    }

    /** Grows the message buffer only as far as the bytes actually received (and the limit) need. */
    private void append(byte[] buf, int p, int n) {
        int needed = messageLength + n;
        if (message == null || needed > message.length) {
            int doubled = message == null ? MIN_MESSAGE_BUFFER : message.length * 2;
            int capacity = Math.max(needed, Math.min(doubled, maxMessageBytes));
            message = message == null ? new byte[capacity] : Arrays.copyOf(message, capacity);
        }
        System.arraycopy(buf, p, message, messageLength, n);
        messageLength = needed;
    }

    private void deliver(byte[] buf, int off, int len) {
        int opcode = messageOpcode;
        messageOpcode = NO_MESSAGE;
        messageLength = 0;
        if (opcode == Opcode.TEXT) {
            listener.onText(buf, off, len);
        } else {
            listener.onBinary(buf, off, len);
        }
    }

    private void controlPayload(byte[] buf, int p, int n, boolean frameDone, boolean wholeFrameHere) {
        int opcode = b0 & 0x0F;
        if (wholeFrameHere) {
            onControl(opcode, buf, p, n);
            return;
        }
        if (control == null) {
            control = new byte[MAX_CONTROL_PAYLOAD];
        }
        System.arraycopy(buf, p, control, controlLength, n);
        controlLength += n;
        if (frameDone) {
            byte[] c = control;
            int len = controlLength;
            control = null;
            controlLength = 0;
            onControl(opcode, c, 0, len);
        }
    }

    private void onControl(int opcode, byte[] buf, int off, int len) {
        switch (opcode) {
            case Opcode.PING -> listener.onPing(buf, off, len);
            case Opcode.PONG -> listener.onPong(buf, off, len);
            default -> onCloseFrame(buf, off, len);
        }
    }

    /** RFC 6455 §5.5.1 and §7.4: no payload, or a code allowed on the wire and a UTF-8 reason. */
    private void onCloseFrame(byte[] buf, int off, int len) {
        if (len == 0) {
            stop();
            listener.onClose(CloseCodes.NO_STATUS, "");
            return;
        }
        if (len == 1) {
            fail(CloseCodes.PROTOCOL_ERROR, "A close frame's payload starts with a two-byte status code");
            return;
        }
        int code = ((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF);
        if (!CloseCodes.allowedOnWire(code)) {
            fail(CloseCodes.PROTOCOL_ERROR, "Close code " + code + " may not be sent");
            return;
        }
        if (!Utf8Validator.isValid(buf, off + 2, len - 2)) {
            fail(CloseCodes.INVALID_PAYLOAD, "A close reason must be valid UTF-8");
            return;
        }
        stop();
        listener.onClose(code, new String(buf, off + 2, len - 2, StandardCharsets.UTF_8));
    }

    // ================================================================== the end

    private boolean fail(int closeCode, String reason) {
        stop();
        listener.onProtocolError(closeCode, reason);
        return false;
    }

    private void stop() {
        stopped = true;
        message = null;
        control = null;
        release();
    }

    /** Frees the inflater's native memory; called when the socket ends. */
    void release() {
        if (inflater != null) {
            inflater.release();
        }
    }
}
