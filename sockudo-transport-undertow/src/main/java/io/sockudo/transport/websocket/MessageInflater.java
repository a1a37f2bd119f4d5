package io.sockudo.transport.websocket;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The receiving half of permessage-deflate (RFC 7692 §7.2.2) for one socket: the payloads of a
 * compressed message go in as they arrive, the inflated bytes come out in small pieces to a
 * {@link Sink} that may refuse them (a message over the size limit), so a few kilobytes of
 * "decompression bomb" never become more than the limit in memory.
 *
 * <p>The native inflater (about 40 KiB with its 32 KiB window) exists only while it is needed:
 * when the client may not take its context over ({@code client_no_context_takeover}) it is freed
 * after every message, otherwise it lives from the client's first compressed message to the
 * socket's end. Pusher clients send little, so most sockets never create one.
 */
final class MessageInflater {

    /** RFC 7692 §7.2.2: the empty stored block the sender took off the end of every message. */
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    private static final int CHUNK = 4096;

    /** Takes inflated bytes; answers false to stop (the decoder has failed the connection). */
    interface Sink {
        boolean accept(byte[] buf, int off, int len);
    }

    /** What became of the bytes given. */
    enum Result { OK, REFUSED, INVALID }

    private final boolean resetAfterMessage;
    private Inflater inflater;
    private byte[] out;

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
                } else {
                    // no output: either all input is taken, or the stream asks for what it cannot have
                    return inflater.needsInput() || inflater.finished() ? Result.OK : Result.INVALID;
                }
            }
        } catch (DataFormatException e) {
            return Result.INVALID;
        }
    }

    /** The message's last payload byte is in: inflates what the tail releases, then resets if agreed. */
    Result endMessage(Sink sink) {
        Result r = inflate(TAIL, 0, TAIL.length, sink);
        if (resetAfterMessage) {
            release();
        } else if (inflater != null && inflater.finished()) {
            inflater.reset(); // the sender ended its stream with a final block: the next message starts a new one
        }
        return r;
    }

    /** Frees the native inflater; a later message creates a new one. */
    void release() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
            out = null;
        }
    }
}
