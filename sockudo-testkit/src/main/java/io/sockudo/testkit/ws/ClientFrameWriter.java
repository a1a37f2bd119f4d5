package io.sockudo.testkit.ws;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes the frames a WebSocket client sends (RFC 6455 §5.2, §5.3): masked with a fresh random
 * key, as a server requires. A test may ask for what a client must not send (no mask, reserved
 * bits, a control frame without FIN) to see the server refuse it. Each frame is one new array
 * of its exact size: clients send little, so only the receiving side is tuned.
 */
public final class ClientFrameWriter {

    private static final int FIN = 0x80;
    private static final int MASK = 0x80;

    private ClientFrameWriter() {
    }

    /** A final, masked frame of {@code payload[off, off + len)}. */
    public static byte[] frame(int opcode, byte[] payload, int off, int len) {
        return frame(true, 0, opcode, payload, off, len, true);
    }

    /**
     * Any frame: {@code rsv} sets the reserved bits (0–7), {@code masked=false} leaves the mask
     * out, which a server must refuse.
     */
    public static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, int off, int len, boolean masked) {
        int header = len < 126 ? 2 : len <= 0xFFFF ? 4 : 10;
        int maskBytes = masked ? 4 : 0;
        byte[] f = new byte[header + maskBytes + len];
        f[0] = (byte) ((fin ? FIN : 0) | (rsv & 7) << 4 | (opcode & 0x0F));
        int maskBit = masked ? MASK : 0;
        if (len < 126) {
            f[1] = (byte) (maskBit | len);
        } else if (len <= 0xFFFF) {
            f[1] = (byte) (maskBit | 126);
            f[2] = (byte) (len >>> 8);
            f[3] = (byte) len;
        } else {
            f[1] = (byte) (maskBit | 127);
            for (int i = 0; i < 8; i++) {
                f[2 + i] = (byte) ((long) len >>> (56 - 8 * i));
            }
        }
        int p = header + maskBytes;
        if (!masked) {
            System.arraycopy(payload, off, f, p, len);
            return f;
        }
        int key = ThreadLocalRandom.current().nextInt();
        for (int i = 0; i < 4; i++) {
            f[header + i] = (byte) (key >>> (24 - 8 * i));
        }
        for (int i = 0; i < len; i++) {
            f[p + i] = (byte) (payload[off + i] ^ f[header + (i & 3)]);
        }
        return f;
    }

    /** A final, masked text frame. */
    public static byte[] text(byte[] utf8) {
        return frame(Opcode.TEXT, utf8, 0, utf8.length);
    }

    public static byte[] text(String text) {
        return text(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A close frame with a status code and no reason. */
    public static byte[] close(int code) {
        return close(code, "");
    }

    /** A close frame with a status code and a reason. */
    public static byte[] close(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return frame(Opcode.CLOSE, p, 0, p.length);
    }
}
