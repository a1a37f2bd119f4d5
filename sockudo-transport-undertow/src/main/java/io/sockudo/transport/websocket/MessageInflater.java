package io.sockudo.transport.websocket;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The receiving half of permessage-deflate (RFC 7692 §7.2.2) for one socket: the payloads of a
 * compressed message go in as they arrive, the inflated bytes come out in small pieces to a
 * {@link Sink} that may refuse them (a message over the size limit), so a few kilobytes of
 * "decompression bomb" never become more than the limit in memory.
 *
 * <p>The native inflater (about 40 KiB with its 32 KiB window) exists only while a message is
 * being inflated. With context takeover the client's next message may refer back to what it sent
 * before; every message ends on a flushed block boundary, so all that is needed for that is the
 * last 32 KiB the client sent, which the socket keeps on the heap (only as much as the client
 * has sent so far) and gives the next message's inflater as its preset dictionary. Pusher
 * clients send little, so that history is typically a few hundred bytes per socket.
 */
final class MessageInflater {

    /** RFC 7692 §7.2.2: the empty stored block the sender took off the end of every message. */
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    private static final int CHUNK = 4096;
    /** The largest window a client's compressor may refer back across (2^15, RFC 7692 §7.1.2). */
    static final int MAX_HISTORY = 32 * 1024;

    /** Takes inflated bytes; answers false to stop (the decoder has failed the connection). */
    interface Sink {
        boolean accept(byte[] buf, int off, int len);
    }

    /** What became of the bytes given. */
    enum Result { OK, REFUSED, INVALID }

    private final boolean resetAfterMessage;
    private Inflater inflater;
    private byte[] out;
    /** With context takeover: the tail of what the client's messages inflated to, oldest first. */
    private byte[] history;
    private int historyLength;

    /**
     * @param resetAfterMessage whether {@code client_no_context_takeover} was agreed, so no message
     *                          refers back to an earlier one
     */
    MessageInflater(boolean resetAfterMessage) {
        this.resetAfterMessage = resetAfterMessage;
    }

    /** Inflates a piece of a compressed message's payload. */
    Result inflate(byte[] in, int off, int len, Sink sink) {
        if (inflater == null) {
            inflater = new Inflater(true);
            out = new byte[CHUNK];
            if (historyLength > 0) {
                inflater.setDictionary(history, 0, historyLength);
            }
        }
        if (inflater.finished()) {
            return Result.OK; // bytes after a final block belong to no message (RFC 7692 §7.2.3.3)
        }
        inflater.setInput(in, off, len);
        try {
            while (true) {
                int n = inflater.inflate(out);
                if (n > 0) {
                    if (!sink.accept(out, 0, n)) {
                        return Result.REFUSED;
                    }
                    remember(out, n);
                } else {
                    // no output: either all input is taken, or the stream asks for what it cannot have
                    return inflater.needsInput() || inflater.finished() ? Result.OK : Result.INVALID;
                }
            }
        } catch (DataFormatException e) {
            return Result.INVALID;
        }
    }

    /** The message's last payload byte is in: inflates what the tail releases, then frees the inflater. */
    Result endMessage(Sink sink) {
        Result r = inflate(TAIL, 0, TAIL.length, sink);
        if (inflater.finished()) {
            historyLength = 0; // the sender ended its stream with a final block: the next message starts a new one
        }
        release();
        return r;
    }

    /** Appends inflated bytes to the history, keeping the last {@link #MAX_HISTORY}. */
    private void remember(byte[] buf, int n) {
        if (resetAfterMessage) {
            return;
        }
        if (n >= MAX_HISTORY) {
            history = Arrays.copyOfRange(buf, n - MAX_HISTORY, n);
            historyLength = MAX_HISTORY;
            return;
        }
        int keep = Math.min(historyLength, MAX_HISTORY - n);
        int needed = keep + n;
        if (history == null || history.length < needed) {
            byte[] grown = new byte[Math.min(MAX_HISTORY, Math.max(needed, 2 * historyLength))];
            if (history != null) {
                System.arraycopy(history, historyLength - keep, grown, 0, keep);
            }
            history = grown;
        } else if (keep < historyLength) {
            System.arraycopy(history, historyLength - keep, history, 0, keep);
        }
        System.arraycopy(buf, 0, history, keep, n);
        historyLength = needed;
    }

    /** How many bytes of the client's past messages the socket keeps between messages. */
    int historyBytes() {
        return history == null ? 0 : history.length;
    }

    /** Whether a native inflater is held (only while a message is being inflated). */
    boolean holdsInflater() {
        return inflater != null;
    }

    /** Frees the native inflater; the next message creates a new one. */
    void release() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
            out = null;
        }
    }
}
