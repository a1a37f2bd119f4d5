package io.sockudo.adapter.connection;

/**
 * The transport side of one connection, as the engine sees it. Every method is called on the
 * connection's own I/O thread ({@link Shard}); implementations need no locking.
 */
public interface Outbound {

    /**
     * Queues a frame. Never blocks: when the socket cannot take more, the transport applies its
     * per-socket bounds (drop or disconnect) instead of growing without limit.
     */
    void send(Frame frame);

    /** Sends what is queued, then a close with this code and reason, then closes the socket. */
    void close(int code, String reason);

    /** Bytes queued and not yet written to the socket. */
    long queuedBytes();

    /** Whether the connection can still carry frames. */
    boolean isOpen();

    /**
     * The engine admitted the connection to this app: what the transport counts from now on
     * (bytes and messages, for metrics labelled by {@code app_id}) is the app's. Called once.
     */
    default void admitted(String appId) {
    }
}
