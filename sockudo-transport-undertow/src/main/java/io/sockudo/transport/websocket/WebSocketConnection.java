package io.sockudo.transport.websocket;

import io.sockudo.adapter.connection.Connection;
import io.sockudo.adapter.connection.Frame;
import io.sockudo.adapter.connection.Outbound;
import io.sockudo.protocol.PusherError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
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
 * this object, its stream and the few fields of its {@link FrameDecoder} — no buffers. Inbound
 * bytes are read into a per-I/O-thread scratch array and decoded there; only a message split
 * across reads is copied aside. Writing (compression, the slow-client queue and its limits) is
 * {@link OutboundFrames}' job; this class decides what a passed limit does to the socket.
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

    /** Reads per readiness event, so one busy client cannot hold its I/O thread. */
    private static final int READS_PER_EVENT = 8;
    /** Bounds on draining the input after a protocol error (see {@link #onProtocolError}). */
    private static final long MAX_DRAIN_BYTES = 1024 * 1024;
    private static final long MAX_DRAIN_MILLIS = 1000;

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

    private FrameDecoder decoder;
    /** Input still to be read and thrown away after a protocol error, or -1 while not draining. */
    private long drainLeft = -1;

    private final OutboundFrames outbound;
    private boolean closeFrameQueued;
    private XnioExecutor.Key closeTimer;
    /** Pings and the idle timeout; null when both are off. */
    private KeepAlive keepAlive;
    /** Undertow's close listener, when it could not run at the upgrade; run at close. */
    private ChannelListener<? super StreamConnection> httpCloseListener;

    WebSocketConnection(StreamConnection stream, WebSocketEndpoint endpoint) {
        this.stream = stream;
        this.source = stream.getSourceChannel();
        this.sink = stream.getSinkChannel();
        this.endpoint = endpoint;
        this.outbound = new OutboundFrames(sink, endpoint);
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
     * @param compression      the permessage-deflate agreed in the handshake, or null
     */
    void start(Connection engineConnection, boolean httpBytesPending, DeflateNegotiation.Agreement compression) {
        this.connection = engineConnection;
        MessageInflater inflater = null;
        if (compression != null) {
            outbound.compressWith(new OutboundDeflate(compression));
            inflater = new MessageInflater(compression.clientNoContextTakeover());
        }
        this.decoder = new FrameDecoder(endpoint.maxMessageBytes(), endpoint.options().maxFrameBytes(),
                new InboundFrames(this, engineConnection, endpoint), inflater);
        this.keepAlive = KeepAlive.start(this, stream.getIoThread(), endpoint.options());
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
        ByteBuffer bb = scratch.buffer;
        for (int reads = 0; reads < READS_PER_EVENT && state != CLOSED; reads++) {
            bb.clear();
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
                return;
            }
            outbound.traffic(scratch).bytesReceived += n;
            if (keepAlive != null) {
                keepAlive.received(System.nanoTime());
            }
            if (drainLeft >= 0) {
                drainLeft -= n;
                if (drainLeft < 0) {
                    closeStream();
                }
                continue;
            }
            decoder.feed(scratch.bytes, 0, n);
            if (decoder.isStopped()) {
                return;
            }
        }
    }

    /** The peer's close frame: answered with its code (1000 for none), and the socket closed. */
    void onPeerClose(int code) {
        closeReceived = true;
        // release the engine's state now, before the peer sees its close acknowledged
        notifyEngine();
        if (state == OPEN) {
            state = CLOSING;
            enqueueClose(WebSocketWireFormat.close(code == CloseCodes.NO_STATUS ? CloseCodes.NORMAL : code, ""));
        }
        source.suspendReads();
        if (outbound.isFlushed()) {
            closeStream();
        }
    }

    /**
     * The peer broke the protocol and is not trusted to answer our close. It may still be sending
     * (the rest of an oversized message, say); closing the socket with its bytes unread would make
     * the kernel reset the connection and throw away our close frame if it is not yet sent. So
     * from now on its input is read and thrown away, up to a bounded number of bytes, and once our
     * close frame is out the socket is half-closed and closed after a short while.
     */
    void onProtocolError(int closeCode, String reason) {
        awaitPeerClose = false;
        drainLeft = MAX_DRAIN_BYTES;
        if (state == OPEN) {
            close(closeCode, reason);
        } else if (closeFrameQueued && outbound.isFlushed()) {
            closeSoon(); // our close frame (for another reason) is out, and the socket half-closed
        }
    }

    private void onEndOfStream() {
        notifyEngine();
        if (drainLeft >= 0 && !outbound.isFlushed()) {
            source.suspendReads(); // the peer may still read: let our close frame go out first
            return;
        }
        closeStream();
    }

    // ================================================================== writing

    @Override
    public void send(Frame message) {
        if (state != OPEN) {
            return;
        }
        switch (outbound.send(message)) {
            case OVER_CAPACITY -> close(PusherError.OVER_CAPACITY, "Connection buffer full: the client reads too slowly");
            case FAILED -> abortLater();
            default -> { }
        }
    }

    private void onWritable() {
        try {
            if (!outbound.writeQueued()) {
                return;
            }
        } catch (IOException e) {
            abort();
            return;
        }
        afterFlush();
    }

    /**
     * Everything queued is on the wire; if our close frame was among it, finish closing: at once
     * when the peer's close came first, otherwise half-closed, so that our close frame is followed
     * by the end of the stream rather than lost to a reset, and reading on for the peer's close
     * (or, after a protocol error, to drain its input).
     */
    private void afterFlush() {
        if (!closeFrameQueued) {
            return;
        }
        if (closeReceived) {
            closeStream();
            return;
        }
        try {
            sink.shutdownWrites();
            sink.flush();
        } catch (IOException e) {
            closeStream();
            return;
        }
        if (!awaitPeerClose) {
            closeSoon();
        }
        source.resumeReads();
    }

    /** After a protocol error, the drain's time bound: the socket is closed shortly after our close frame is out. */
    private void closeSoon() {
        if (closeTimer != null) {
            closeTimer.remove();
        }
        long millis = Math.min(MAX_DRAIN_MILLIS, endpoint.closeTimeoutMillis());
        closeTimer = stream.getIoThread().executeAfter(this::closeStream, millis, TimeUnit.MILLISECONDS);
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
        outbound.enqueue(WebSocketWireFormat.raw(closeFrame));
    }

    @Override
    public void admitted(String appId) {
        outbound.countAs(endpoint.scratch().app(appId));
    }

    /** Where this socket's traffic is counted on this thread. */
    ThreadTraffic traffic(WebSocketEndpoint.Scratch scratch) {
        return outbound.traffic(scratch);
    }

    @Override
    public long queuedBytes() {
        return outbound.queuedBytes();
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
        stopTimers();
        outbound.discard();
        if (decoder != null) {
            decoder.release();
        }
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

    private void stopTimers() {
        if (closeTimer != null) {
            closeTimer.remove();
            closeTimer = null;
        }
        if (keepAlive != null) {
            keepAlive.stop();
        }
    }

    /** Called by XNIO on whichever thread closed the stream; the rest happens on the socket's own thread. */
    private void onStreamClosedAnyThread() {
        endpoint.socketClosed();
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
        if (decoder != null) {
            decoder.release(); // the inflater's native memory, at once rather than when collected
        }
        stopTimers();
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
