package io.sockudo.transport.websocket;

/** RFC 6455 §5.3: client payloads are XORed with a 4-byte key; undone in place, four bytes at a time. */
final class Masking {

    private Masking() {
    }

    /**
     * Unmasks {@code len} bytes at {@code buf[from]} in place.
     *
     * @param phase how many payload bytes of the frame came before these, modulo 4
     */
    static void unmask(byte[] buf, int from, int len, int mask, int phase) {
        int m = Integer.rotateLeft(mask, phase * 8);
        byte m0 = (byte) (m >>> 24);
        byte m1 = (byte) (m >>> 16);
        byte m2 = (byte) (m >>> 8);
        byte m3 = (byte) m;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            buf[from + i] ^= m0;
            buf[from + i + 1] ^= m1;
            buf[from + i + 2] ^= m2;
            buf[from + i + 3] ^= m3;
        }
        for (; i < len; i++) {
            buf[from + i] ^= (byte) (m >>> (24 - 8 * (i & 3)));
        }
    }
}
