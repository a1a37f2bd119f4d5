package io.sockudo.transport.websocket;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Writes frames as a client does (masked), and the malformed ones a hostile client might send. */
final class ClientFrameWriter {

    private final Random random;

    ClientFrameWriter(Random random) {
        this.random = random;
    }

    ClientFrameWriter() {
        this(new Random(6455));
    }

    byte[] text(String text) {
        return frame(true, Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    byte[] frame(boolean fin, int opcode, byte[] payload) {
        return frame(fin, 0, opcode, payload, true);
    }

    byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write((fin ? 0x80 : 0) | (rsv & 7) << 4 | (opcode & 0x0F));
        writeLength(f, masked, payload.length);
        if (!masked) {
            f.write(payload, 0, payload.length);
            return f.toByteArray();
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        f.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        return f.toByteArray();
    }

    /** A header alone, as it announces {@code length} bytes with the 64-bit length form, and its mask. */
    static byte[] header64(int opcode, long length) {
        byte[] h = new byte[14];
        h[0] = (byte) (0x80 | opcode);
        h[1] = (byte) (0x80 | 127);
        for (int i = 0; i < 8; i++) {
            h[2 + i] = (byte) (length >>> (56 - 8 * i));
        }
        h[10] = 0x11;
        h[11] = 0x22;
        h[12] = 0x33;
        h[13] = 0x44;
        return h;
    }

    private static void writeLength(ByteArrayOutputStream f, boolean masked, int length) {
        int maskBit = masked ? 0x80 : 0;
        if (length < 126) {
            f.write(maskBit | length);
        } else if (length < 65536) {
            f.write(maskBit | 126);
            f.write(length >>> 8);
            f.write(length & 0xFF);
        } else {
            f.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) ((long) length >>> shift) & 0xFF);
            }
        }
    }

    static byte[] closePayload(int code, byte[] reason) {
        byte[] p = new byte[2 + reason.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(reason, 0, p, 2, reason.length);
        return p;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.write(p, 0, p.length);
        }
        return all.toByteArray();
    }
}
