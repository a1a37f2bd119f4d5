package io.sockudo.bench.load;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One simulated Pusher client: its socket and a few fields of state. Owned by one selector
 * thread; nothing here is read elsewhere. Kept small on purpose: the generator holds tens of
 * thousands of these, and its memory should stay out of the way of the server's.
 */
final class Client {

    static final byte IDLE = 0;
    /** TCP connect in progress. */
    static final byte CONNECTING = 1;
    /** Upgrade request sent, waiting for 101. */
    static final byte UPGRADING = 2;
    /** WebSocket open, waiting for {@code pusher:connection_established}. */
    static final byte OPEN = 3;
    static final byte ESTABLISHED = 4;
    /** {@code pusher:subscribe} sent, waiting for the answer. */
    static final byte SUBSCRIBING = 5;
    static final byte SUBSCRIBED = 6;
    /** Our close frame sent, waiting for the server's. */
    static final byte CLOSING = 7;
    static final byte CLOSED = 8;

    /** Decides the channel, the presence user id ({@code u<id>}) and the group. */
    final int id;
    /** 0 plain, 1 delta compression. */
    final int group;
    /** The channel this client joins. */
    final String channel;
    final ClientLoop loop;

    SocketChannel socket;
    SelectionKey key;
    byte state = IDLE;
    /** When the state we are waiting in began, for timeouts and latencies. */
    long since;
    long openedAt;
    /** Bytes of a frame (or of the handshake answer) that arrived only in part. */
    byte[] carry;
    /** Bytes the socket did not take yet. */
    ByteBuffer pending;
    String socketId;
    /** Members of the presence channel as this client sees them. */
    int view;
    /** The member count {@code subscription_succeeded} reported. */
    int initialView;

    Client(int id, int group, String channel, ClientLoop loop) {
        this.id = id;
        this.group = group;
        this.channel = channel;
        this.loop = loop;
    }

    boolean isWaiting() {
        return state == CONNECTING || state == UPGRADING || state == OPEN || state == SUBSCRIBING || state == CLOSING;
    }

    /** Ready for the next cycle (churn reuses clients). */
    void reset() {
        socket = null;
        key = null;
        state = IDLE;
        carry = null;
        pending = null;
        socketId = null;
        view = 0;
        initialView = 0;
    }
}
