package io.sockudo.transport.websocket;

import io.sockudo.adapter.connection.Frame;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.conduits.ConduitStreamSinkChannel;

/**
 * A socket's outgoing side: each frame is compressed when permessage-deflate was agreed, written
 * straight to the socket while the client keeps up, and otherwise queued within the socket's
 * limits ({@code websocket.max_messages}, {@code max_bytes}, {@code max_backpressure}). What a
 * passed limit means for the socket (drop the frame or close) is returned to the
 * {@link WebSocketConnection}, which owns the socket's state. Used on the socket's I/O thread only.
 */
final class OutboundFrames {

    /** What became of a frame given to {@link #send}. */
    enum Outcome {
        /** On the wire, or queued behind frames that are not yet. */
        TAKEN,
        /** A limit was passed and the frame dropped; the socket stays open. */
        DROPPED,
        /** A limit was passed and the frames not yet begun dropped; the socket is to close with 4100. */
        OVER_CAPACITY,
        /** The write failed: the socket is broken. */
        FAILED
    }

    private final ConduitStreamSinkChannel sink;
    private final WebSocketEndpoint endpoint;
    /** permessage-deflate for outgoing messages; null when not agreed (or not yet, before the socket starts). */
    private OutboundDeflate deflate;
    /** Frames the socket could not take yet; null while nothing waits. */
    private PendingFrames queue;
    /** The counters of the socket's app on its thread; null until the engine admits it to one. */
    private ThreadTraffic traffic;

    OutboundFrames(ConduitStreamSinkChannel sink, WebSocketEndpoint endpoint) {
        this.sink = sink;
        this.endpoint = endpoint;
    }

    /** From now on data messages are compressed with {@code agreed}. */
    void compressWith(OutboundDeflate agreed) {
        this.deflate = agreed;
    }

    /** From now on the socket's traffic is its app's. */
    void countAs(ThreadTraffic appTraffic) {
        this.traffic = appTraffic;
    }

    /** Where the socket's traffic is counted: its app's counters, or the thread's for sockets without one. */
    ThreadTraffic traffic(WebSocketEndpoint.Scratch scratch) {
        return traffic != null ? traffic : scratch.unattributed;
    }

    Outcome send(Frame message) {
        // both limits are decided on the uncompressed size, before a compressor's history could move
        if (queue != null && queue.bytes() + message.size() > endpoint.options().maxBackpressureBytes()) {
            return overCapacity(); // websocket.max_backpressure: closed even where full queues only drop frames
        }
        if (queue != null && (queue.count() >= endpoint.maxQueuedMessages()
                || queue.bytes() + message.size() > endpoint.maxQueuedBytes())) {
            return onQueueFull();
        }
        WebSocketEndpoint.Scratch counters = endpoint.scratch();
        Frame frame = deflate == null ? message : deflate.encode(message, counters.deflater());
        ThreadTraffic t = traffic(counters);
        t.framesSent++;
        t.bytesSent += frame.size();
        if (queue != null) {
            queue.add(frame);
            return Outcome.TAKEN;
        }
        ByteBuffer bb = ByteBuffer.wrap(frame.wire());
        try {
            sink.write(bb);
            if (!bb.hasRemaining() && sink.flush()) {
                return Outcome.TAKEN;
            }
        } catch (IOException e) {
            return Outcome.FAILED;
        }
        queue = new PendingFrames();
        if (bb.hasRemaining()) {
            queue.addPartlyWritten(frame, bb.position());
        }
        sink.resumeWrites();
        return Outcome.TAKEN;
    }

    /**
     * The peer does not read fast enough. Either this frame is dropped, or (the default,
     * {@code disconnect_on_buffer_full}) the socket is closed with 4100 so the client reconnects
     * with back-off; in neither case does one slow client cost the others anything.
     */
    private Outcome onQueueFull() {
        if (!endpoint.disconnectOnBufferFull()) {
            endpoint.countDropped();
            return Outcome.DROPPED;
        }
        return overCapacity();
    }

    private Outcome overCapacity() {
        endpoint.countDropped();
        queue.dropUnstarted();
        return Outcome.OVER_CAPACITY;
    }

    /** Queues a frame (our close frame) after whatever waits, whatever the limits. */
    void enqueue(Frame frame) {
        if (queue == null) {
            queue = new PendingFrames();
        }
        queue.add(frame);
        sink.resumeWrites();
    }

    /**
     * Writes what the socket takes of the queue; true once everything is on the wire (and then
     * the socket's writes are suspended until something is queued again).
     */
    boolean writeQueued() throws IOException {
        if (queue != null && !queue.writeTo(sink, endpoint.scratch().gather, endpoint.options().writeBufferBytes())) {
            return false;
        }
        if (!sink.flush()) {
            return false;
        }
        queue = null;
        sink.suspendWrites();
        return true;
    }

    /** Whether everything sent so far is on the wire. */
    boolean isFlushed() {
        return queue == null;
    }

    long queuedBytes() {
        return queue == null ? 0 : queue.bytes();
    }

    /** The socket is closed: what waits is dropped. */
    void discard() {
        queue = null;
    }
}
