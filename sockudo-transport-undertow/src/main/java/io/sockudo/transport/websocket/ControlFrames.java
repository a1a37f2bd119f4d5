package io.sockudo.transport.websocket;

import java.nio.charset.StandardCharsets;

/**
 * Ping, pong and close frames (RFC 6455 §5.5): a payload that arrived in pieces is gathered in a
 * buffer of at most 125 bytes (the header already refused more), and a close frame's code and
 * reason are checked before the peer's close is reported.
 */
final class ControlFrames {

    private final FrameListener listener;
    private final DecoderEnd end;

    /** A control frame's payload that arrived in pieces. */
    private byte[] control;
    private int controlLength;

    ControlFrames(FrameListener listener, DecoderEnd end) {
        this.listener = listener;
        this.end = end;
    }

    /**
     * Takes {@code n} payload bytes of a control frame at {@code buf[p]}, already unmasked.
     *
     * @param frameDone      whether these are the frame's last bytes
     * @param wholeFrameHere whether the whole frame is in {@code buf} (then nothing is copied)
     */
    void payload(int opcode, byte[] buf, int p, int n, boolean frameDone, boolean wholeFrameHere) {
        if (wholeFrameHere) {
            onControl(opcode, buf, p, n);
            return;
        }
        if (control == null) {
            control = new byte[FrameHeader.MAX_CONTROL_PAYLOAD];
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

    /** Drops a partly gathered payload; the decoder has stopped. */
    void drop() {
        control = null;
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
            end.peerClosed(CloseCodes.NO_STATUS, "");
            return;
        }
        if (len == 1) {
            end.fail(CloseCodes.PROTOCOL_ERROR, "A close frame's payload starts with a two-byte status code");
            return;
        }
        int code = ((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF);
        if (!CloseCodes.allowedOnWire(code)) {
            end.fail(CloseCodes.PROTOCOL_ERROR, "Close code " + code + " may not be sent");
            return;
        }
        if (!Utf8Validator.isValid(buf, off + 2, len - 2)) {
            end.fail(CloseCodes.INVALID_PAYLOAD, "A close reason must be valid UTF-8");
            return;
        }
        end.peerClosed(code, new String(buf, off + 2, len - 2, StandardCharsets.UTF_8));
    }
}
