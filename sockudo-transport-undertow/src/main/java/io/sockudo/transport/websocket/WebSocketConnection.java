package io.sockudo.transport.websocket;

import io.sockudo.adapter.connection.Connection;
import io.sockudo.adapter.connection.Frame;
import io.sockudo.adapter.connection.Outbound;
import io.sockudo.protocol.PusherError;
import io.sockudo.protocol.ServerFrames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioExecutor;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * One WebSocket (RFC 6455) on the raw stream Undertow hands over after the upgrade.
 *
 * <p>Why not Undertow's own WebSocket channel: every outgoing message there goes through a
 * per-message sink channel and a pooled buffer copy, and the upgrade request stays referenced
 * for the life of the socket. Here a broadcast frame is built once (header included, server
 * frames are unmasked) and each recipient only writes the shared bytes; an idle socket holds
 * this object, its stream, and nothing else — no buffers. Inbound frames are parsed from a
 * per-I/O-thread scratch array; only a frame split across reads is copied aside.
 *
 * <p>Threading: everything runs on the stream's I/O thread. {@link #send} and {@link #close}
 * never call back into the engine synchronously (a broadcast may be iterating a member set);
 * the engine hears of a connection's end through {@code onClose}, exactly once.
 */
final class WebSocketConnection implements Outbound, ChannelListener<Channel> {

    private static final byte OPEN = 0;
    /** We sent (or queued) our close frame; waiting for the peer's. */
    private static final byte CLOSING = 1;
    private static final byte CLOSED = 2;

    private static final int NO_FRAGMENTS = -1;
    /** Reads per readiness event, so one busy client cannot hold its I/O thread. */
    private static final int READS_PER_EVENT = 8;
    private static final int MAX_GATHER = 64;

    private final StreamConnection stream;
    private final ConduitStreamSourceChannel source;
    private final ConduitStreamSinkChannel sink;
    private final WebSocketEndpoint endpoint;
    private Connection connection;

    private byte state = OPEN;
    private boolean closeReceived;
    /** After a protocol error the peer is not trusted to answer our close; we do not wait for it. */
    private boolean awaitPeerClose = true;
    private boolean engineNotified;

    /** Bytes of a frame that arrived only in part. */
    private byte[] partial;
    /** A fragmented message being reassembled. */
    private byte[] fragments;
    private int fragmentsLength;
    private int fragmentsOpcode = NO_FRAGMENTS;

    /** Frames the socket could not take yet; null while nothing waits. */
    private ArrayDeque<Frame> queue;
    private int headWritten;
    private long queuedBytes;
    private boolean closeFrameQueued;
    private XnioExecutor.Key closeTimer;
    /** Undertow's close listener, when it could not run at the upgrade; run at close. */
    private ChannelListener<? super StreamConnection> httpCloseListener;

    WebSocketConnection(StreamConnection stream, WebSocketEndpoint endpoint) {
        this.stream = stream;
        this.source = stream.getSourceChannel();
        this.sink = stream.getSinkChannel();
        this.endpoint = endpoint;
    }

    /**
     * Takes the stream over from Undertow and starts reading.
     *
     * <p>Undertow's close listener on the stream is how it forgets an HTTP connection: it drops
     * it from the listener's set of open connections, frees its response buffers and cancels its
     * timers. It is run right away, so that nothing of the HTTP side (the upgrade request
     * included) stays reachable for the socket's life — unless the client sent frames along with
     * the upgrade request, which Undertow still holds in a pooled buffer: then it runs when the
     * socket closes.
     *
     * @param httpBytesPending whether Undertow still holds bytes the client sent after the request
     */
    void start(Connection engineConnection, boolean httpBytesPending) {
        this.connection = engineConnection;
        source.setReadListener(this);
        sink.setWriteListener(this);
        ChannelListener<? super StreamConnection> http = stream.getCloseListener();
        stream.setCloseListener(this);
        if (httpBytesPending) {
            httpCloseListener = http;
        } else {
            ChannelListeners.invokeChannelListener(stream, http);
        }
        source.resumeReads();
    }

    @Override
    public void handleEvent(Channel channel) {
        if (channel == source) {
            onReadable();
        } else if (channel == sink) {
            onWritable();
        } else {
            onStreamClosedAnyThread();
        }
    }

    // ================================================================== reading

    private void onReadable() {
        if (state == CLOSED) {
            return;
        }
        WebSocketEndpoint.Scratch scratch = endpoint.scratch();
        byte[] buf = scratch.bytes;
        ByteBuffer bb = scratch.buffer;
        int pos = 0;
        if (partial != null) {
            System.arraycopy(partial, 0, buf, 0, partial.length);
            pos = partial.length;
            partial = null;
        }
        for (int reads = 0; reads < READS_PER_EVENT && state != CLOSED; reads++) {
            bb.limit(buf.length).position(pos);
            int n;
            try {
                n = source.read(bb);
            } catch (IOException e) {
                abort();
                return;
            }
            if (n < 0) {
                onEndOfStream();
                return;
            }
            if (n == 0) {
                break;
            }
            scratch.bytesReceived += n;
            int end = pos + n;
            int consumed = parse(buf, end);
            if (state == CLOSED || closeReceived) {
                return;
            }
            pos = end - consumed;
            if (pos > 0 && consumed > 0) {
                System.arraycopy(buf, consumed, buf, 0, pos);
            }
        }
        if (pos > 0 && state != CLOSED) {
            partial = Arrays.copyOf(buf, pos);
        }
    }

    /** Parses and handles every complete frame in {@code buf[0, end)}; returns the bytes consumed. */
    private int parse(byte[] buf, int end) {
        int p = 0;
        while (end - p >= 2 && state != CLOSED && !closeReceived) {
            int b0 = buf[p] & 0xFF;
            int b1 = buf[p + 1] & 0xFF;
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            long length = b1 & 0x7F;
            int header = 2;
            if (length == 126) {
                if (end - p < 4) {
                    break;
                }
                length = ((buf[p + 2] & 0xFF) << 8) | (buf[p + 3] & 0xFF);
                header = 4;
            } else if (length == 127) {
                if (end - p < 10) {
                    break;
                }
                length = 0;
                for (int i = 2; i < 10; i++) {
                    length = (length << 8) | (buf[p + i] & 0xFF);
                }
                header = 10;
            }
            if ((b0 & 0x70) != 0) {
                protocolError(1002, "Reserved bits set without a negotiated extension");
                return end;
            }
            if ((b1 & 0x80) == 0) {
                protocolError(1002, "Client frames must be masked");
                return end;
            }
            boolean control = opcode >= 0x8;
            if (control && (!fin || length > 125)) {
                protocolError(1002, "Control frames must be final and at most 125 bytes");
                return end;
            }
            if (opcode > WebSocketWireFormat.OP_BINARY && !control || opcode > WebSocketWireFormat.OP_PONG) {
                protocolError(1002, "Unknown opcode " + opcode);
                return end;
            }
            if (!control && (length < 0 || length > endpoint.maxMessageBytes())) {
                protocolError(1009, "Maximum message size exceeded");
                return end;
            }
            int total = header + 4 + (int) length;
            if (end - p < total) {
                break;
            }
            int payload = p + header + 4;
            unmask(buf, p + header, payload, (int) length);
            onFrame(fin, opcode, buf, payload, (int) length);
            p += total;
        }
        return p;
    }

    private static void unmask(byte[] buf, int maskAt, int from, int len) {
        byte m0 = buf[maskAt];
        byte m1 = buf[maskAt + 1];
        byte m2 = buf[maskAt + 2];
        byte m3 = buf[maskAt + 3];
        int i = 0;
        for (; i + 3 < len; i += 4) {
            buf[from + i] ^= m0;
            buf[from + i + 1] ^= m1;
            buf[from + i + 2] ^= m2;
            buf[from + i + 3] ^= m3;
        }
        for (; i < len; i++) {
            buf[from + i] ^= (i & 3) == 0 ? m0 : (i & 3) == 1 ? m1 : (i & 3) == 2 ? m2 : m3;
        }
    }

    private void onFrame(boolean fin, int opcode, byte[] buf, int off, int len) {
        switch (opcode) {
            case WebSocketWireFormat.OP_TEXT, WebSocketWireFormat.OP_BINARY -> {
                if (fragmentsOpcode != NO_FRAGMENTS) {
                    protocolError(1002, "A new message started before the fragmented one ended");
                } else if (fin) {
                    onMessage(opcode, buf, off, len);
                } else {
                    fragmentsOpcode = opcode;
                    fragments = Arrays.copyOfRange(buf, off, off + Math.max(len, 256));
                    fragmentsLength = len;
                }
            }
            case WebSocketWireFormat.OP_CONTINUATION -> {
                if (fragmentsOpcode == NO_FRAGMENTS) {
                    protocolError(1002, "Continuation frame without a message to continue");
                    return;
                }
                if ((long) fragmentsLength + len > endpoint.maxMessageBytes()) {
                    protocolError(1009, "Maximum message size exceeded");
                    return;
                }
                if (fragmentsLength + len > fragments.length) {
                    fragments = Arrays.copyOf(fragments, Math.max(fragmentsLength + len, fragments.length * 2));
                }
                System.arraycopy(buf, off, fragments, fragmentsLength, len);
                fragmentsLength += len;
                if (fin) {
                    byte[] message = fragments;
                    int length = fragmentsLength;
                    int op = fragmentsOpcode;
                    fragments = null;
                    fragmentsLength = 0;
                    fragmentsOpcode = NO_FRAGMENTS;
                    onMessage(op, message, 0, length);
                }
            }
            case WebSocketWireFormat.OP_PING -> {
                endpoint.handler().onActivity(connection);
                if (state == OPEN) {
                    send(WebSocketWireFormat.raw(WebSocketWireFormat.control(WebSocketWireFormat.OP_PONG, buf, off, len)));
                }
            }
            case WebSocketWireFormat.OP_PONG -> endpoint.handler().onActivity(connection);
            case WebSocketWireFormat.OP_CLOSE -> onCloseFrame(buf, off, len);
            default -> protocolError(1002, "Unknown opcode " + opcode);
        }
    }

    private void onMessage(int opcode, byte[] buf, int off, int len) {
        if (state != OPEN) {
            return; // after our close frame only the peer's close matters
        }
        endpoint.scratch().framesReceived++;
        if (opcode == WebSocketWireFormat.OP_BINARY) {
            endpoint.handler().onActivity(connection);
            send(endpoint.frame(ServerFrames.error(PusherError.invalidMessage(
                    "binary frames are not part of the Pusher protocol; send JSON in text frames"))));
            return;
        }
        if (!Utf8.isValid(buf, off, len)) {
            protocolError(1007, "Text frames must be valid UTF-8");
            return;
        }
        endpoint.handler().onText(connection, buf, off, len);
    }

    private void onCloseFrame(byte[] buf, int off, int len) {
        closeReceived = true;
        int code = 1000;
        if (len == 1) {
            code = 1002;
        } else if (len >= 2) {
            int given = ((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF);
            code = !validCloseCode(given) ? 1002 : !Utf8.isValid(buf, off + 2, len - 2) ? 1007 : given;
        }
        // release the engine's state now, before the peer sees its close acknowledged
        notifyEngine();
        if (state == OPEN) {
            state = CLOSING;
            enqueueClose(WebSocketWireFormat.close(code, ""));
        }
        source.suspendReads();
        if (queue == null) {
            closeStream();
        }
    }

    private static boolean validCloseCode(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 && code != 1015 || code >= 3000 && code <= 4999;
    }

    private void onEndOfStream() {
        notifyEngine();
        closeStream();
    }

    private void protocolError(int code, String reason) {
        fragments = null;
        fragmentsOpcode = NO_FRAGMENTS;
        awaitPeerClose = false;
        source.suspendReads();
        close(code, reason);
    }

    // ================================================================== writing

    @Override
    public void send(Frame frame) {
        if (state != OPEN) {
            return;
        }
        WebSocketEndpoint.Scratch counters = endpoint.scratch();
        counters.framesSent++;
        counters.bytesSent += frame.size();
        if (queue == null) {
            ByteBuffer bb = ByteBuffer.wrap(frame.wire());
            try {
                sink.write(bb);
                if (!bb.hasRemaining() && sink.flush()) {
                    return;
                }
            } catch (IOException e) {
                abortLater();
                return;
            }
            queue = new ArrayDeque<>(4);
            if (bb.hasRemaining()) {
                queue.add(frame);
                headWritten = bb.position();
                queuedBytes = bb.remaining();
            }
            sink.resumeWrites();
            return;
        }
        if (queue.size() >= endpoint.maxQueuedMessages() || queuedBytes + frame.size() > endpoint.maxQueuedBytes()) {
            onQueueFull();
            return;
        }
        queue.add(frame);
        queuedBytes += frame.size();
    }

    /**
     * The peer does not read fast enough. Either this frame is dropped, or (the default,
     * {@code disconnect_on_buffer_full}) the socket is closed with 4100 so the client reconnects
     * with back-off; in neither case does one slow client cost the others anything.
     */
    private void onQueueFull() {
        endpoint.countDropped();
        if (!endpoint.disconnectOnBufferFull()) {
            return;
        }
        // keep a partly written frame so the stream stays well framed; the rest can go
        Frame head = headWritten > 0 ? queue.peekFirst() : null;
        queue.clear();
        queuedBytes = 0;
        if (head != null) {
            queue.add(head);
            queuedBytes = head.size() - headWritten;
        } else {
            headWritten = 0;
        }
        close(PusherError.OVER_CAPACITY, "Connection buffer full: the client reads too slowly");
    }

    private void onWritable() {
        if (queue == null) {
            try {
                if (sink.flush()) {
                    sink.suspendWrites();
                    afterFlush();
                }
            } catch (IOException e) {
                abort();
            }
            return;
        }
        ByteBuffer[] bufs = endpoint.scratch().gather;
        try {
            while (!queue.isEmpty()) {
                int k = 0;
                for (Frame f : queue) {
                    ByteBuffer b = ByteBuffer.wrap(f.wire());
                    if (k == 0) {
                        b.position(headWritten);
                    }
                    bufs[k++] = b;
                    if (k == MAX_GATHER) {
                        break;
                    }
                }
                long written = sink.write(bufs, 0, k);
                queuedBytes -= written;
                for (int i = 0; i < k; i++) {
                    if (bufs[i].hasRemaining()) {
                        headWritten = bufs[i].position();
                        Arrays.fill(bufs, 0, k, null);
                        return; // the socket is full; wait for the next writable event
                    }
                    queue.pollFirst();
                    headWritten = 0;
                }
                Arrays.fill(bufs, 0, k, null);
            }
            if (!sink.flush()) {
                return;
            }
        } catch (IOException e) {
            abort();
            return;
        }
        queue = null;
        queuedBytes = 0;
        sink.suspendWrites();
        afterFlush();
    }

    /** Everything queued is on the wire; if our close frame was among it, finish closing. */
    private void afterFlush() {
        if (closeFrameQueued) {
            if (closeReceived || !awaitPeerClose) {
                closeStream();
            } else {
                // half-close and wait for the peer's close frame, so our close frame is never lost to a reset
                try {
                    sink.shutdownWrites();
                    sink.flush();
                } catch (IOException e) {
                    closeStream();
                    return;
                }
                source.resumeReads();
            }
        }
    }

    @Override
    public void close(int code, String reason) {
        if (state != OPEN) {
            return;
        }
        state = CLOSING;
        enqueueClose(WebSocketWireFormat.close(code, reason));
        notifyEngineLater();
    }

    private void enqueueClose(byte[] closeFrame) {
        closeFrameQueued = true;
        // whatever the peer does (answers, stops reading, vanishes), the socket is gone by then
        closeTimer = stream.getIoThread().executeAfter(this::closeStream, endpoint.closeTimeoutMillis(), TimeUnit.MILLISECONDS);
        Frame f = WebSocketWireFormat.raw(closeFrame);
        if (queue == null) {
            queue = new ArrayDeque<>(2);
        }
        queue.add(f);
        queuedBytes += f.size();
        sink.resumeWrites();
    }

    @Override
    public long queuedBytes() {
        return queuedBytes;
    }

    @Override
    public boolean isOpen() {
        return state == OPEN;
    }

    // ================================================================== ending

    /** The engine learns of the end exactly once. */
    private void notifyEngine() {
        if (!engineNotified && connection != null) {
            engineNotified = true;
            endpoint.handler().onClose(connection);
        }
    }

    /** For ends decided while the engine may be iterating a member set (a write failed, a queue overflowed). */
    private void notifyEngineLater() {
        if (!engineNotified && connection != null) {
            stream.getIoThread().execute(this::notifyEngine);
        }
    }

    private void abort() {
        notifyEngine();
        closeStream();
    }

    private void abortLater() {
        state = CLOSING;
        notifyEngineLater();
        stream.getIoThread().execute(this::closeStream);
    }

    private void closeStream() {
        if (state == CLOSED) {
            return;
        }
        state = CLOSED;
        if (closeTimer != null) {
            closeTimer.remove();
            closeTimer = null;
        }
        queue = null;
        partial = null;
        fragments = null;
        source.suspendReads();
        sink.suspendWrites();
        // XNIO cancels the selection key of a socket closed on its own I/O thread with an
        // immediate selectNow(), which goes over every ready event again: in a storm of closes
        // that is quadratic and stalls the thread for seconds. Closed from another thread, the
        // key is only cancelled and the selector woken.
        try {
            stream.getWorker().execute(() -> IoUtils.safeClose(stream));
        } catch (RuntimeException shuttingDown) {
            IoUtils.safeClose(stream);
        }
    }

    /** Called by XNIO on whichever thread closed the stream; the rest happens on the socket's own thread. */
    private void onStreamClosedAnyThread() {
        if (Thread.currentThread() == stream.getIoThread()) {
            onStreamClosed();
            return;
        }
        try {
            stream.getIoThread().execute(this::onStreamClosed);
        } catch (RuntimeException shuttingDown) {
            // the I/O thread is gone with the server; nothing is left to release
        }
    }

    private void onStreamClosed() {
        state = CLOSED;
        if (closeTimer != null) {
            closeTimer.remove();
            closeTimer = null;
        }
        if (httpCloseListener != null) {
            ChannelListener<? super StreamConnection> http = httpCloseListener;
            httpCloseListener = null;
            ChannelListeners.invokeChannelListener(stream, http);
        }
        notifyEngine();
    }

    @Override
    public String toString() {
        return "WebSocket[" + connection + ", state " + state + "]";
    }
}
