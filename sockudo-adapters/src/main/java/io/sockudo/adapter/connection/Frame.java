package io.sockudo.adapter.connection;

import java.nio.charset.StandardCharsets;

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

    @Override
    public String toString() {
        return new String(wire, payloadOffset, wire.length - payloadOffset, StandardCharsets.UTF_8);
    }
}
