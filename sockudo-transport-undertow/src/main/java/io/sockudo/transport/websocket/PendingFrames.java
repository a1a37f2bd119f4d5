package io.sockudo.transport.websocket;

import io.sockudo.adapter.connection.Frame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.xnio.channels.StreamSinkChannel;

/**
 * Frames a socket could not take yet, in order, the first of them possibly written in part.
 * A socket has one only while its client reads slower than it is sent to.
 */
final class PendingFrames {

    private static final int MAX_GATHER = 64;

    private final ArrayDeque<Frame> frames = new ArrayDeque<>(4);
    /** Bytes of the first frame already written. */
    private int headWritten;
    private long bytes;

    /** Queues a frame of which the socket took only the first {@code written} bytes. */
    void addPartlyWritten(Frame frame, int written) {
        frames.add(frame);
        headWritten = written;
        bytes += frame.size() - written;
    }

    void add(Frame frame) {
        frames.add(frame);
        bytes += frame.size();
    }

    int count() {
        return frames.size();
    }

    /** Bytes still to be written. */
    long bytes() {
        return bytes;
    }

    /**
     * Drops every frame not begun; a frame written in part stays, so the stream stays well
     * framed for the close frame that follows.
     */
    void dropUnstarted() {
        Frame head = headWritten > 0 ? frames.peekFirst() : null;
        frames.clear();
        bytes = 0;
        if (head != null) {
            frames.add(head);
            bytes = head.size() - headWritten;
        }
    }

    /**
     * Writes as much as the sink takes, many frames per call (gathering write).
     *
     * @param gather   a scratch array of at least {@value #MAX_GATHER} buffers, left empty
     * @param maxBytes how many bytes one write call gathers ({@code websocket.write_buffer_size}); at least one frame
     * @return whether every frame was written
     */
    boolean writeTo(StreamSinkChannel sink, ByteBuffer[] gather, int maxBytes) throws IOException {
        while (!frames.isEmpty()) {
            int k = 0;
            long taken = 0;
            for (Frame f : frames) {
                ByteBuffer b = ByteBuffer.wrap(f.wire());
                if (k == 0) {
                    b.position(headWritten);
                }
                gather[k++] = b;
                taken += b.remaining();
                if (k == MAX_GATHER || taken >= maxBytes) {
                    break;
                }
            }
            try {
                bytes -= sink.write(gather, 0, k);
                for (int i = 0; i < k; i++) {
                    if (gather[i].hasRemaining()) {
                        headWritten = gather[i].position();
                        return false; // the socket is full; wait for the next writable event
                    }
                    frames.pollFirst();
                    headWritten = 0;
                }
            } finally {
                Arrays.fill(gather, 0, k, null);
            }
        }
        return true;
    }
}
