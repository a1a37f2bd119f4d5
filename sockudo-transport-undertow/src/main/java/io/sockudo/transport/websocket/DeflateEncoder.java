package io.sockudo.transport.websocket;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * The sending half of permessage-deflate (RFC 7692 §7.2.1), one per I/O thread: every socket
 * on the thread compresses with the same native deflater, reset for each message, so no socket
 * owns one. Context takeover is done without a per-socket deflater too: the socket's own recent
 * messages are given as the preset dictionary, which lets the compressor refer back exactly as
 * far as the client's inflater remembers.
 */
final class DeflateEncoder {

    /** Every message ends with this empty stored block, which the sender leaves off (§7.2.1). */
    private static final int TAIL_LENGTH = 4;

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private byte[] out = new byte[1024];
    /** Messages compressed on this thread; read by metrics from other threads, a moment old is fine. */
    private long compressions;

    /**
     * Compresses one message; returns the compressed payload (a fresh array), or null when it
     * would not be smaller than the message.
     *
     * @param dictionary the bytes the client's inflater holds just before this message, or null
     */
    byte[] compress(byte[] in, int off, int len, byte[] dictionary, int dictOff, int dictLen) {
        compressions++;
        deflater.reset();
        if (dictionary != null && dictLen > 0) {
            deflater.setDictionary(dictionary, dictOff, dictLen);
        }
        deflater.setInput(in, off, len);
        int n = 0;
        while (true) {
            if (out.length - n < 64) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            n += deflater.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
            if (n < out.length && deflater.needsInput()) {
                break; // the flush fitted: everything is out
            }
        }
        int length = n - TAIL_LENGTH;
        if (length >= len) {
            return null;
        }
        byte[] result = Arrays.copyOf(out, length);
        if (out.length > 64 * 1024) {
            out = new byte[1024]; // one large message does not pin a large buffer to the thread
        }
        return result;
    }

    long compressions() {
        return compressions;
    }
}
