package io.sockudo.transport.websocket;

import io.sockudo.adapter.connection.Frame;
import io.sockudo.adapter.connection.WireFormat;
import java.nio.charset.StandardCharsets;

/**
 * RFC 6455 server frames. A server frame is never masked, so the complete frame (header plus
 * payload) is the same for every recipient: it is built once per message and written as is.
 */
public final class WebSocketWireFormat implements WireFormat {

    public static final WebSocketWireFormat INSTANCE = new WebSocketWireFormat(0);
    /** Text frames whose payload is compressed (RFC 7692: RSV1 on the message's only frame). */
    static final WebSocketWireFormat COMPRESSED = new WebSocketWireFormat(0x40);

    private static final int FIN = 0x80;

    private final int rsv;

    private WebSocketWireFormat(int rsv) {
        this.rsv = rsv;
    }

    @Override
    public int headerLength(int payloadLength) {
        return payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
    }

    @Override
    public void writeHeader(byte[] out, int payloadLength) {
        writeHeader(out, rsv | Opcode.TEXT, payloadLength);
    }

    /** Whether a frame carries a data message (text or binary) that may be compressed, rather than a control frame. */
    static boolean isUncompressedData(Frame f) {
        int b0 = f.wire()[0] & 0x7F;
        return f.payloadOffset() > 0 && (b0 == Opcode.TEXT || b0 == Opcode.BINARY);
    }

    private static void writeHeader(byte[] out, int opcode, int len) {
        out[0] = (byte) (FIN | opcode);
        if (len < 126) {
            out[1] = (byte) len;
        } else if (len <= 0xFFFF) {
            out[1] = 126;
            out[2] = (byte) (len >>> 8);
            out[3] = (byte) len;
        } else {
            out[1] = 127;
            out[2] = 0;
            out[3] = 0;
            out[4] = 0;
            out[5] = 0;
            out[6] = (byte) (len >>> 24);
            out[7] = (byte) (len >>> 16);
            out[8] = (byte) (len >>> 8);
            out[9] = (byte) len;
        }
    }

    /** A control frame (close, ping, pong); payloads of control frames are at most 125 bytes. */
    static byte[] control(int opcode, byte[] payload, int off, int len) {
        byte[] f = new byte[2 + len];
        f[0] = (byte) (FIN | opcode);
        f[1] = (byte) len;
        System.arraycopy(payload, off, f, 2, len);
        return f;
    }

    /** A close frame with a status code and a reason cut to fit in 123 bytes of UTF-8. */
    static byte[] close(int code, String reason) {
        byte[] r = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(r.length, 123);
        while (n > 0 && n < r.length && (r[n] & 0xC0) == 0x80) {
            n--; // do not cut a UTF-8 sequence in half
        }
        byte[] payload = new byte[2 + n];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(r, 0, payload, 2, n);
        return control(Opcode.CLOSE, payload, 0, payload.length);
    }

    /** Wraps bytes that already are a complete frame. */
    static Frame raw(byte[] completeFrame) {
        return RAW.frame(completeFrame);
    }
}
