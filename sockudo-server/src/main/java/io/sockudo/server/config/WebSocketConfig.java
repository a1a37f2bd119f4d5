package io.sockudo.server.config;

import io.sockudo.transport.websocket.Compression;
import io.sockudo.transport.websocket.WebSocketOptions;
import java.time.Duration;

/**
 * Per-socket limits: sockudo's {@code websocket_max_payload_kb} and {@code websocket.*}.
 *
 * @param maxPayloadKb           largest message a client may send, in KiB ({@code websocket_max_payload_kb}, 64)
 * @param maxMessages            frames a socket may have queued for a slow reader; 0 for no count limit
 *                               ({@code websocket.max_messages}, 1000)
 * @param maxBytes               bytes a socket may have queued; 0 for no byte limit ({@code websocket.max_bytes}, 1 MiB)
 * @param disconnectOnBufferFull close a socket whose queue is full instead of dropping the frame
 *                               ({@code websocket.disconnect_on_buffer_full}, true)
 * @param maxMessageSize         a hard ceiling on an inbound message in bytes, above {@code maxPayloadKb}
 *                               ({@code websocket.max_message_size}, 64 MiB)
 * @param maxFrameSize           largest single inbound frame in bytes ({@code websocket.max_frame_size}, 16 MiB)
 * @param writeBufferSize        bytes of queued frames one gathering write takes ({@code websocket.write_buffer_size}, 16384)
 * @param maxBackpressure        queued bytes past which a socket is closed (4100) even when full queues only drop
 *                               ({@code websocket.max_backpressure}, 1 MiB)
 * @param autoPing               ping sockets that have been silent for {@code pingInterval} ({@code websocket.auto_ping}, true)
 * @param pingInterval           {@code websocket.ping_interval}, 30 s
 * @param idleTimeout            silence after which a socket is closed with 4201, zero for never
 *                               ({@code websocket.idle_timeout}, 120 s)
 * @param compression            permessage-deflate ({@code websocket.compression}, {@code disabled})
 */
public record WebSocketConfig(int maxPayloadKb, int maxMessages, long maxBytes, boolean disconnectOnBufferFull,
                              long maxMessageSize, int maxFrameSize, int writeBufferSize, long maxBackpressure,
                              boolean autoPing, Duration pingInterval, Duration idleTimeout, Compression compression) {

    public static final WebSocketConfig DEFAULTS = new WebSocketConfig(64, 1000, 1024 * 1024, true, 64L * 1024 * 1024);

    /** The queue and message limits given, sockudo's defaults for the rest (no compression). */
    public WebSocketConfig(int maxPayloadKb, int maxMessages, long maxBytes, boolean disconnectOnBufferFull,
                           long maxMessageSize) {
        this(maxPayloadKb, maxMessages, maxBytes, disconnectOnBufferFull, maxMessageSize,
                WebSocketOptions.DEFAULT_MAX_FRAME_BYTES, WebSocketOptions.DEFAULT_WRITE_BUFFER_BYTES,
                WebSocketOptions.DEFAULT_MAX_BACKPRESSURE_BYTES, true,
                Duration.ofMillis(WebSocketOptions.DEFAULT_PING_INTERVAL_MILLIS),
                Duration.ofMillis(WebSocketOptions.DEFAULT_IDLE_TIMEOUT_MILLIS), Compression.DISABLED);
    }

    /** Sockudo's settings without compression. */
    public WebSocketConfig(int maxPayloadKb, int maxMessages, long maxBytes, boolean disconnectOnBufferFull,
                           long maxMessageSize, int maxFrameSize, int writeBufferSize, long maxBackpressure,
                           boolean autoPing, Duration pingInterval, Duration idleTimeout) {
        this(maxPayloadKb, maxMessages, maxBytes, disconnectOnBufferFull, maxMessageSize, maxFrameSize, writeBufferSize,
                maxBackpressure, autoPing, pingInterval, idleTimeout, Compression.DISABLED);
    }

    /**
     * The transport's options. The inbound limit is the payload limit, capped by
     * {@code max_message_size}; {@code max_bytes} limits only the outbound queue (sockudo also
     * applies it to inbound messages, which makes a large queue allowance a large message
     * allowance by accident).
     */
    public WebSocketOptions toOptions() {
        int inbound = (int) Math.min((long) maxPayloadKb * 1024, maxMessageSize);
        return new WebSocketOptions(inbound,
                maxMessages == 0 ? Integer.MAX_VALUE : maxMessages,
                maxBytes == 0 ? Long.MAX_VALUE : maxBytes,
                disconnectOnBufferFull,
                WebSocketOptions.defaults().closeTimeoutMillis(),
                maxFrameSize, writeBufferSize, maxBackpressure,
                autoPing, pingInterval.toMillis(), idleTimeout.toMillis(), compression);
    }
}
