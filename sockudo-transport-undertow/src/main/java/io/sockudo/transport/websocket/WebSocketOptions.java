package io.sockudo.transport.websocket;

/**
 * Per-socket limits and keep-alive (sockudo's {@code websocket.*} and {@code websocket_max_payload_kb}).
 *
 * @param maxMessageBytes         largest message a client may send; bigger ones close the socket with 1009
 * @param maxQueuedMessages       frames a socket may have waiting while its client reads slowly ({@code websocket.max_messages})
 * @param maxQueuedBytes          bytes a socket may have waiting ({@code websocket.max_bytes})
 * @param disconnectOnBufferFull  close a socket whose queue is full (4100), rather than drop the frame
 * @param closeTimeoutMillis      how long to wait for the client's close frame after ours
 * @param maxFrameBytes           largest single frame (fragment) a client may send; bigger ones close with 1009
 *                                ({@code websocket.max_frame_size})
 * @param writeBufferBytes        the most bytes of waiting frames one gathering write takes, at least one frame
 *                                ({@code websocket.write_buffer_size})
 * @param maxBackpressureBytes    bytes waiting for a slow reader above which the socket is closed (4100) whatever
 *                                {@code disconnectOnBufferFull} says ({@code websocket.max_backpressure})
 * @param autoPing                send a WebSocket ping to a socket that has been silent for {@code pingIntervalMillis}
 *                                ({@code websocket.auto_ping})
 * @param pingIntervalMillis      see {@code autoPing} ({@code websocket.ping_interval})
 * @param idleTimeoutMillis       silence (no frame of any kind, pongs included) after which the socket is closed
 *                                with 4201; 0 for never ({@code websocket.idle_timeout})
 * @param compression             permessage-deflate ({@code websocket.compression}, disabled)
 */
public record WebSocketOptions(int maxMessageBytes, int maxQueuedMessages, long maxQueuedBytes,
                               boolean disconnectOnBufferFull, long closeTimeoutMillis,
                               int maxFrameBytes, int writeBufferBytes, long maxBackpressureBytes,
                               boolean autoPing, long pingIntervalMillis, long idleTimeoutMillis,
                               Compression compression) {

    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
    public static final int DEFAULT_WRITE_BUFFER_BYTES = 16 * 1024;
    public static final long DEFAULT_MAX_BACKPRESSURE_BYTES = 1024 * 1024;
    public static final long DEFAULT_PING_INTERVAL_MILLIS = 30_000;
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 120_000;

    public WebSocketOptions {
        java.util.Objects.requireNonNull(compression, "compression");
        if (maxFrameBytes < 1 || writeBufferBytes < 1 || maxBackpressureBytes < 1 || pingIntervalMillis < 1
                || idleTimeoutMillis < 0) {
            throw new IllegalArgumentException("WebSocket sizes and the ping interval must be positive: " + maxFrameBytes
                    + ", " + writeBufferBytes + ", " + maxBackpressureBytes + ", " + pingIntervalMillis + ", " + idleTimeoutMillis);
        }
    }

    /** The queue limits given, sockudo's defaults for the rest, no compression. */
    public WebSocketOptions(int maxMessageBytes, int maxQueuedMessages, long maxQueuedBytes,
                            boolean disconnectOnBufferFull, long closeTimeoutMillis) {
        this(maxMessageBytes, maxQueuedMessages, maxQueuedBytes, disconnectOnBufferFull, closeTimeoutMillis,
                DEFAULT_MAX_FRAME_BYTES, DEFAULT_WRITE_BUFFER_BYTES, Long.MAX_VALUE,
                true, DEFAULT_PING_INTERVAL_MILLIS, DEFAULT_IDLE_TIMEOUT_MILLIS, Compression.DISABLED);
    }

    /** Sockudo's settings without compression. */
    public WebSocketOptions(int maxMessageBytes, int maxQueuedMessages, long maxQueuedBytes,
                            boolean disconnectOnBufferFull, long closeTimeoutMillis,
                            int maxFrameBytes, int writeBufferBytes, long maxBackpressureBytes,
                            boolean autoPing, long pingIntervalMillis, long idleTimeoutMillis) {
        this(maxMessageBytes, maxQueuedMessages, maxQueuedBytes, disconnectOnBufferFull, closeTimeoutMillis,
                maxFrameBytes, writeBufferBytes, maxBackpressureBytes, autoPing, pingIntervalMillis, idleTimeoutMillis,
                Compression.DISABLED);
    }

    public WebSocketOptions withCompression(Compression c) {
        return new WebSocketOptions(maxMessageBytes, maxQueuedMessages, maxQueuedBytes, disconnectOnBufferFull,
                closeTimeoutMillis, maxFrameBytes, writeBufferBytes, maxBackpressureBytes, autoPing, pingIntervalMillis,
                idleTimeoutMillis, c);
    }

    public static WebSocketOptions defaults() {
        return new WebSocketOptions(64 * 1024, 1000, 1024 * 1024, true, 5000,
                DEFAULT_MAX_FRAME_BYTES, DEFAULT_WRITE_BUFFER_BYTES, DEFAULT_MAX_BACKPRESSURE_BYTES,
                true, DEFAULT_PING_INTERVAL_MILLIS, DEFAULT_IDLE_TIMEOUT_MILLIS);
    }

    public WebSocketOptions withMaxFrameBytes(int n) {
        return new WebSocketOptions(maxMessageBytes, maxQueuedMessages, maxQueuedBytes, disconnectOnBufferFull,
                closeTimeoutMillis, n, writeBufferBytes, maxBackpressureBytes, autoPing, pingIntervalMillis, idleTimeoutMillis, compression);
    }

    public WebSocketOptions withWriteBufferBytes(int n) {
        return new WebSocketOptions(maxMessageBytes, maxQueuedMessages, maxQueuedBytes, disconnectOnBufferFull,
                closeTimeoutMillis, maxFrameBytes, n, maxBackpressureBytes, autoPing, pingIntervalMillis, idleTimeoutMillis, compression);
    }

    public WebSocketOptions withMaxBackpressureBytes(long n) {
        return new WebSocketOptions(maxMessageBytes, maxQueuedMessages, maxQueuedBytes, disconnectOnBufferFull,
                closeTimeoutMillis, maxFrameBytes, writeBufferBytes, n, autoPing, pingIntervalMillis, idleTimeoutMillis, compression);
    }

    /** Keep-alive: pings when silent for {@code pingMillis} (if {@code autoPing}), closed after {@code idleMillis} of silence (0: never). */
    public WebSocketOptions withKeepAlive(boolean autoPing, long pingMillis, long idleMillis) {
        return new WebSocketOptions(maxMessageBytes, maxQueuedMessages, maxQueuedBytes, disconnectOnBufferFull,
                closeTimeoutMillis, maxFrameBytes, writeBufferBytes, maxBackpressureBytes, autoPing, pingMillis, idleMillis,
                compression);
    }
}
