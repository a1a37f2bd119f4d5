package io.sockudo.transport.websocket;

/**
 * The header of the frame being read (RFC 6455 §5.2), taken byte by byte as the network splits
 * it, each rule checked at the first byte that can break it: reserved bits, opcodes and the order
 * of fragments on the first byte; masking and the control-frame rules on the second; the length
 * (against the frame and message limits) once its last byte is in. Nothing is allocated for a
 * length: it is only a number to check.
 */
final class FrameHeader {

    static final int MAX_CONTROL_PAYLOAD = 125;

    private static final int RSV1 = 0x40;
    private static final int RSV2_RSV3 = 0x30;

    private final int maxMessageBytes;
    private final long maxFrameBytes;
    /** Whether permessage-deflate was agreed, so RSV1 may mark a compressed message. */
    private final boolean rsv1Allowed;
    private final MessageAssembler message;
    private final DecoderEnd end;

    private int headerRead;
    private int b0;
    private int extendedLengthBytes;
    private long length;
    private int mask;
    private boolean complete;

    FrameHeader(int maxMessageBytes, long maxFrameBytes, boolean rsv1Allowed, MessageAssembler message, DecoderEnd end) {
        this.maxMessageBytes = maxMessageBytes;
        this.maxFrameBytes = maxFrameBytes;
        this.rsv1Allowed = rsv1Allowed;
        this.message = message;
        this.end = end;
    }

    /**
     * Reads header bytes until the header is complete, a rule is broken, or the bytes end;
     * returns the new position. {@link #isComplete()} then says whether the payload follows.
     */
    int read(byte[] buf, int p, int end) {
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
                    complete = true;
                    return p;
                }
            }
        }
        return p;
    }

    /** Ready for the next frame's header; the finished frame's opcode and flags stay readable. */
    void next() {
        headerRead = 0;
        mask = 0;
        complete = false;
    }

    boolean isComplete() {
        return complete;
    }

    int opcode() {
        return b0 & 0x0F;
    }

    boolean isFinal() {
        return (b0 & 0x80) != 0;
    }

    boolean isControl() {
        return Opcode.isControl(opcode());
    }

    /** Whether this frame starts a message (text or binary, not a continuation). */
    boolean startsMessage() {
        return opcode() == Opcode.TEXT || opcode() == Opcode.BINARY;
    }

    /** Whether RSV1 marks this frame's message as compressed. */
    boolean compressed() {
        return (b0 & RSV1) != 0;
    }

    long length() {
        return length;
    }

    int mask() {
        return mask;
    }

    private boolean firstByteAllowed() {
        int opcode = opcode();
        if ((b0 & RSV2_RSV3) != 0 || compressed() && !rsv1Allowed) {
            return end.fail(CloseCodes.PROTOCOL_ERROR, "Reserved bits set without a negotiated extension");
        }
        if (!Opcode.isKnown(opcode)) {
            return end.fail(CloseCodes.PROTOCOL_ERROR, "Unknown opcode " + opcode);
        }
        if (opcode == Opcode.CONTINUATION && !message.inProgress()) {
            return end.fail(CloseCodes.PROTOCOL_ERROR, "Continuation frame without a message to continue");
        }
        if (startsMessage() && message.inProgress()) {
            return end.fail(CloseCodes.PROTOCOL_ERROR, "A new message started before the fragmented one ended");
        }
        if (isControl() && !isFinal()) {
            return end.fail(CloseCodes.PROTOCOL_ERROR, "Control frames must not be fragmented");
        }
        if (compressed() && (isControl() || opcode == Opcode.CONTINUATION)) {
            return end.fail(CloseCodes.PROTOCOL_ERROR, "RSV1 marks only the first frame of a compressed message");
        }
        return true;
    }

    private boolean secondByteAllowed(int b1) {
        if ((b1 & 0x80) == 0) {
            return end.fail(CloseCodes.PROTOCOL_ERROR, "Client frames must be masked");
        }
        int len = b1 & 0x7F;
        if (isControl() && len > MAX_CONTROL_PAYLOAD) {
            return end.fail(CloseCodes.PROTOCOL_ERROR, "Control frames carry at most 125 bytes");
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
            return end.fail(CloseCodes.PROTOCOL_ERROR, "The most significant bit of a 64-bit payload length must be 0");
        }
        if (!isControl() && length > maxFrameBytes) {
            return end.fail(CloseCodes.MESSAGE_TOO_BIG, "Maximum frame size exceeded");
        }
        long had = isControl() || startsMessage() ? 0 : message.bytesSoFar();
        if (!isControl() && length > maxMessageBytes - had) {
            return end.fail(CloseCodes.MESSAGE_TOO_BIG, "Maximum message size exceeded");
        }
        return true;
    }
}
