package io.sockudo.transport.websocket;

import io.sockudo.adapter.connection.Frame;

/**
 * Which bytes one socket with permessage-deflate gets for a frame.
 *
 * <p>Without context takeover every message is compressed on its own, so the compressed frame is
 * the same for every such recipient: it is computed once, by whichever recipient comes first,
 * and kept on the shared {@link Frame} ({@link Frame#alternative}). With context takeover the
 * socket keeps the last {@code windowBytes} of what it sent compressed, which is exactly what the
 * client's inflater holds, and compresses each message with them as the dictionary: the only
 * per-socket memory is that window. A message is sent uncompressed (RSV1 clear, allowed per
 * message) when compressing does not make it smaller or when a back-reference could reach
 * further than the client's window.
 */
final class OutboundDeflate {

    private final boolean contextTakeover;
    /** The client's inflater window: no back-reference may reach further. */
    private final int decoderWindow;
    private final int windowBytes;
    /** With context takeover: the tail of the payloads sent compressed, oldest first. */
    private byte[] history;
    private int historyLength;

    OutboundDeflate(DeflateNegotiation.Agreement agreement) {
        this.contextTakeover = agreement.serverContextTakeover();
        this.decoderWindow = 1 << agreement.decoderWindowBits();
        this.windowBytes = agreement.windowBytes();
    }

    /** The frame to write for {@code plain}: a compressed one, or {@code plain} itself. */
    Frame encode(Frame plain, DeflateEncoder encoder) {
        if (!WebSocketWireFormat.isUncompressedData(plain)) {
            return plain;
        }
        int len = plain.payloadLength();
        boolean limitedWindow = decoderWindow < Compression.MAX_WINDOW;
        if (limitedWindow && len > decoderWindow) {
            return plain; // even within the message a back-reference could reach too far
        }
        int dict = !contextTakeover ? 0 : Math.min(historyLength, limitedWindow ? decoderWindow - len : windowBytes);
        if (dict == 0) {
            Frame shared = plain.alternative(f -> compressAlone(f, encoder));
            if (contextTakeover && shared != plain) {
                remember(plain);
            }
            return shared;
        }
        byte[] c = encoder.compress(plain.wire(), plain.payloadOffset(), len, history, historyLength - dict, dict);
        if (c == null) {
            return plain;
        }
        remember(plain);
        return WebSocketWireFormat.COMPRESSED.frame(c);
    }

    private static Frame compressAlone(Frame f, DeflateEncoder encoder) {
        byte[] c = encoder.compress(f.wire(), f.payloadOffset(), f.payloadLength(), null, 0, 0);
        return c == null ? f : WebSocketWireFormat.COMPRESSED.frame(c);
    }

    /** Appends a payload the client will inflate to the history, keeping the last {@code windowBytes}. */
    private void remember(Frame plain) {
        if (history == null) {
            history = new byte[windowBytes];
        }
        int len = plain.payloadLength();
        int src = plain.payloadOffset();
        if (len >= windowBytes) {
            System.arraycopy(plain.wire(), src + len - windowBytes, history, 0, windowBytes);
            historyLength = windowBytes;
            return;
        }
        int keep = Math.min(historyLength, windowBytes - len);
        System.arraycopy(history, historyLength - keep, history, 0, keep);
        System.arraycopy(plain.wire(), src, history, keep, len);
        historyLength = keep + len;
    }
}
