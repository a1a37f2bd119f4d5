package io.sockudo.transport.websocket;

import java.util.Arrays;

/**
 * One data message as its frames' payloads arrive: text checked as UTF-8 byte by byte (a
 * fragmented message with bad UTF-8 fails on its first bad fragment), a compressed message
 * (RFC 7692) inflated as it arrives with the limit applied to the inflated bytes, and the whole
 * handed to the listener when its final frame ends.
 *
 * <p>A message that arrives whole in one piece is handed out of the caller's buffer; only a
 * message split across pieces or frames is copied, into a buffer that grows with the bytes
 * received (never with a length announced) and is dropped once the message is delivered.
 */
final class MessageAssembler {

    private static final int NO_MESSAGE = -1;
    private static final int MIN_MESSAGE_BUFFER = 256;

    private final int maxMessageBytes;
    private final FrameListener listener;
    private final DecoderEnd end;
    /** The agreed permessage-deflate, or null when none was. */
    private final MessageInflater inflater;
    private final MessageInflater.Sink inflatedSink = this::acceptInflated;
    private final Utf8Validator utf8 = new Utf8Validator();

    /** Opcode of the message being read, or {@link #NO_MESSAGE}. */
    private int opcode = NO_MESSAGE;
    private byte[] message;
    private int messageLength;
    /** Whether the message being read is compressed, and how many compressed bytes it had so far. */
    private boolean compressed;
    private long compressedLength;

    MessageAssembler(int maxMessageBytes, FrameListener listener, MessageInflater inflater, DecoderEnd end) {
        this.maxMessageBytes = maxMessageBytes;
        this.listener = listener;
        this.inflater = inflater;
        this.end = end;
    }

    /** Whether a message has started and its final frame has not yet ended. */
    boolean inProgress() {
        return opcode != NO_MESSAGE;
    }

    /** What the message so far counts against the limit: its bytes as sent when compressed, else as kept. */
    long bytesSoFar() {
        return compressed ? compressedLength : messageLength;
    }

    /** A text or binary frame starts a message. */
    void start(int messageOpcode, boolean compressedMessage) {
        opcode = messageOpcode;
        messageLength = 0;
        compressed = compressedMessage;
        compressedLength = 0;
        utf8.reset();
    }

    /**
     * Takes {@code n} payload bytes of a data frame at {@code buf[p]}, already unmasked.
     *
     * @param frameDone      whether these are the frame's last bytes
     * @param finalFrame     whether the frame is the message's last
     * @param wholeFrameHere whether the whole frame is in {@code buf}
     */
    void payload(byte[] buf, int p, int n, boolean frameDone, boolean finalFrame, boolean wholeFrameHere) {
        boolean messageDone = frameDone && finalFrame;
        if (compressed) {
            compressedPayload(buf, p, n, messageDone);
            return;
        }
        boolean text = opcode == Opcode.TEXT;
        if (text && !utf8.accept(buf, p, n)) {
            end.fail(CloseCodes.INVALID_PAYLOAD, "Text frames must be valid UTF-8");
            return;
        }
        if (messageDone && text && !utf8.isComplete()) {
            end.fail(CloseCodes.INVALID_PAYLOAD, "Text frames must be valid UTF-8");
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

    /** Drops what was kept of an unfinished message; the decoder has stopped. */
    void drop() {
        message = null;
    }

    /** Frees the inflater's native memory. */
    void release() {
        if (inflater != null) {
            inflater.release();
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
        if (opcode == Opcode.TEXT && !utf8.isComplete()) {
            end.fail(CloseCodes.INVALID_PAYLOAD, "Text frames must be valid UTF-8");
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
            end.fail(CloseCodes.INVALID_PAYLOAD, "A compressed message must be a valid DEFLATE stream");
        }
        return r == MessageInflater.Result.OK && !end.isStopped();
    }

    /** Inflated bytes of the message: counted against the limit, checked as UTF-8 if text, kept. */
    private boolean acceptInflated(byte[] out, int off, int n) {
        if (n > maxMessageBytes - messageLength) {
            end.fail(CloseCodes.MESSAGE_TOO_BIG, "Maximum message size exceeded");
            return false;
        }
        if (opcode == Opcode.TEXT && !utf8.accept(out, off, n)) {
            end.fail(CloseCodes.INVALID_PAYLOAD, "Text frames must be valid UTF-8");
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
        int delivered = opcode;
        opcode = NO_MESSAGE;
        messageLength = 0;
        if (delivered == Opcode.TEXT) {
            listener.onText(buf, off, len);
        } else {
            listener.onBinary(buf, off, len);
        }
    }
}
