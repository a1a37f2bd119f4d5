package io.sockudo.transport.websocket;

/**
 * Per-socket limits (sockudo's {@code websocket.*} and {@code websocket_max_payload_kb}).
 *
 * @param maxMessageBytes         largest message a client may send; bigger ones close the socket with 1009
 * @param maxQueuedMessages       frames a socket may have waiting while its client reads slowly ({@code websocket.max_messages})
 * @param maxQueuedBytes          bytes a socket may have waiting ({@code websocket.max_bytes})
 * @param disconnectOnBufferFull  close a socket whose queue is full (4100), rather than drop the frame
 * @param closeTimeoutMillis      how long to wait for the client's close frame after ours
 * @param compression             permessage-deflate ({@code websocket.compression}, disabled)
 */
public record WebSocketOptions(int maxMessageBytes, int maxQueuedMessages, long maxQueuedBytes,
                               boolean disconnectOnBufferFull, long closeTimeoutMillis, Compression compression) {

    public WebSocketOptions {
        java.util.Objects.requireNonNull(compression, "compression");
    }

    /** Options without compression. */
    public WebSocketOptions(int maxMessageBytes, int maxQueuedMessages, long maxQueuedBytes,
                            boolean disconnectOnBufferFull, long closeTimeoutMillis) {
        this(maxMessageBytes, maxQueuedMessages, maxQueuedBytes, disconnectOnBufferFull, closeTimeoutMillis, Compression.DISABLED);
    }

    public WebSocketOptions withCompression(Compression c) {
        return new WebSocketOptions(maxMessageBytes, maxQueuedMessages, maxQueuedBytes, disconnectOnBufferFull,
                closeTimeoutMillis, c);
    }

    public static WebSocketOptions defaults() {
        return new WebSocketOptions(64 * 1024, 1000, 1024 * 1024, true, 5000);
    }
}
