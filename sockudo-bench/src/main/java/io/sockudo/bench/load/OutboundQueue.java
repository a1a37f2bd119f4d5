package io.sockudo.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * What a client sends and its socket has not taken yet. Clients send little (a subscribe, a
 * pong, a close), so a backlog is rare: it is one buffer grown by copying, and the client's key
 * asks for {@code OP_WRITE} only while there is one. Failures are thrown to the caller, which
 * decides what a broken socket means in the client's state.
 */
final class OutboundQueue {

    private OutboundQueue() {
    }

    /** Writes the frame now, or behind what is already waiting, in order. */
    static void send(Client c, byte[] frame) throws IOException {
        if (c.pending != null) {
            ByteBuffer joined = ByteBuffer.allocate(c.pending.remaining() + frame.length);
            joined.put(c.pending).put(frame).flip();
            c.pending = joined;
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(frame);
        c.socket.write(b);
        if (b.hasRemaining()) {
            c.pending = b;
            c.key.interestOps(c.key.interestOps() | SelectionKey.OP_WRITE);
        }
    }

    /** The socket can take more: writes what waits, and stops asking once it is all gone. */
    static void flush(Client c) throws IOException {
        if (c.pending == null) {
            c.key.interestOps(SelectionKey.OP_READ);
            return;
        }
        c.socket.write(c.pending);
        if (!c.pending.hasRemaining()) {
            c.pending = null;
            c.key.interestOps(SelectionKey.OP_READ);
        }
    }
}
