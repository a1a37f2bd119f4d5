package io.sockudo.adapter.connection;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * One outgoing text frame, encoded for the wire once and shared by every recipient. A broadcast
 * to ten thousand sockets builds one {@code Frame}; each socket only references it.
 *
 * <p>{@link #wire()} is what the transport writes (for WebSocket, header plus payload);
 * {@link #payload()} offsets into it give the JSON text, which delta compression diffs against.
 */
public final class Frame {

    private final byte[] wire;
    private final int payloadOffset;
    /** The transport's alternative encoding of this frame, once computed; see {@link #alternative}. */
    private volatile Frame alternative;

    Frame(byte[] wire, int payloadOffset) {
        this.wire = wire;
        this.payloadOffset = payloadOffset;
    }

    /** The bytes to write; never modified after construction. */
    public byte[] wire() {
        return wire;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return wire.length - payloadOffset;
    }

    /** A copy of the JSON text. */
    public byte[] payload() {
        return java.util.Arrays.copyOfRange(wire, payloadOffset, wire.length);
    }

    public int size() {
        return wire.length;
    }

    /**
     * Another encoding of the same message for the wire (for WebSocket, the permessage-deflate
     * frame), computed by the first recipient that asks and then shared like the frame itself:
     * a broadcast to ten thousand sockets compresses once. {@code encode} may return this frame
     * to say there is no better encoding. One transport owns the slot; the encoding must not
     * depend on the recipient.
     *
     * <p>Recipients on several I/O threads may ask at once; the first computes under this
     * frame's monitor while the others wait for its result, so the encoding runs exactly once.
     * Once computed, asking is a volatile read.
     */
    public Frame alternative(UnaryOperator<Frame> encode) {
        Frame a = alternative;
        if (a == null) {
            synchronized (this) {
                a = alternative;
                if (a == null) {
                    a = encode.apply(this);
                    alternative = a;
                }
            }
        }
        return a;
    }

    @Override
    public String toString() {
        return new String(wire, payloadOffset, wire.length - payloadOffset, StandardCharsets.UTF_8);
    }
}
