package io.sockudo.adapter;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.connection.Connection;
import io.sockudo.adapter.connection.Frame;
import io.sockudo.adapter.connection.Outbound;
import io.sockudo.adapter.connection.Shard;
import io.sockudo.protocol.SocketId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One client connection as the engine sees it: its socket id, app, subscriptions, signed-in
 * user and activity clock. Confined to its {@link Shard}'s thread; nothing here is synchronized.
 * The transport holds it as an opaque {@link Connection}.
 *
 * <p>Kept small on purpose: an idle server holds tens of thousands of these.
 */
final class Session extends Connection {

    /** Waiting for the app lookup; frames are held until then. */
    static final byte CONNECTING = 0;
    static final byte OPEN = 1;
    static final byte CLOSED = 2;

    private final long idHigh;
    private final long idLow;
    private final Shard shard;
    private final Outbound out;
    private App app;
    private byte state = CONNECTING;
    /** Signed in, or authorized by a private/presence subscription: the sign-in deadline no longer applies. */
    private boolean authorized;
    private Subscription[] subscriptions = NONE;
    private int subscriptionCount;
    private String userId;
    private final long openedNanos;
    private long lastActivityNanos;
    private long pingSentNanos;
    /** Frames that arrived while the app was being looked up; null almost always. */
    private List<byte[]> pending;
    /** The algorithm this socket asked for with {@code pusher:enable_delta_compression}; null when it did not. */
    private String deltaAlgorithm;
    /** The algorithms the client said it decodes, in its order; null when it named none. */
    private List<String> deltaAlgorithms;
    /** Subscriptions that keep delta state, bounded by {@code max_channel_states_per_socket}. */
    private int deltaSubscriptions;
    /** Position in the shard's connection list, for O(1) removal. */
    int shardSlot = -1;

    private static final Subscription[] NONE = new Subscription[0];

    Session(SocketId id, Shard shard, Outbound out, long nowNanos) {
        this.idHigh = id.high();
        this.idLow = id.low();
        this.shard = shard;
        this.out = out;
        this.openedNanos = nowNanos;
        this.lastActivityNanos = nowNanos;
    }

    SocketId socketId() {
        return new SocketId(idHigh, idLow);
    }

    /** Whether this is the socket with the given id, without allocating. */
    boolean is(SocketId id) {
        return id != null && id.is(idHigh, idLow);
    }

    Shard shard() {
        return shard;
    }

    Outbound outbound() {
        return out;
    }

    App app() {
        return app;
    }

    /** The app was found and admitted the connection. */
    void open(App app) {
        this.app = app;
        this.state = OPEN;
        out.admitted(app.id());
    }

    boolean isOpen() {
        return state == OPEN;
    }

    boolean isConnecting() {
        return state == CONNECTING;
    }

    boolean isClosed() {
        return state == CLOSED;
    }

    void markClosed() {
        state = CLOSED;
    }

    /** Sends a frame if the connection is still open. */
    void send(Frame frame) {
        if (state != CLOSED && out.isOpen()) {
            out.send(frame);
        }
    }

    // ---- subscriptions: a tiny array map, since most connections have a handful of channels

    Subscription subscription(String channel) {
        for (int i = 0; i < subscriptionCount; i++) {
            if (subscriptions[i].channel().name().equals(channel)) {
                return subscriptions[i];
            }
        }
        return null;
    }

    void addSubscription(Subscription s) {
        if (subscriptionCount == subscriptions.length) {
            subscriptions = Arrays.copyOf(subscriptions, Math.max(2, subscriptionCount * 2));
        }
        subscriptions[subscriptionCount++] = s;
    }

    Subscription removeSubscription(String channel) {
        for (int i = 0; i < subscriptionCount; i++) {
            Subscription s = subscriptions[i];
            if (s.channel().name().equals(channel)) {
                subscriptions[i] = subscriptions[--subscriptionCount];
                subscriptions[subscriptionCount] = null;
                if (subscriptionCount == 0) {
                    subscriptions = NONE;
                }
                return s;
            }
        }
        return null;
    }

    /** Takes all subscriptions away, for disconnect. */
    Subscription[] drainSubscriptions() {
        Subscription[] all = Arrays.copyOf(subscriptions, subscriptionCount);
        subscriptions = NONE;
        subscriptionCount = 0;
        return all;
    }

    int subscriptionCount() {
        return subscriptionCount;
    }

    // ---- user

    String userId() {
        return userId;
    }

    void signIn(String userId) {
        this.userId = userId;
        this.authorized = true;
    }

    boolean isAuthorized() {
        return authorized;
    }

    void authorize() {
        authorized = true;
    }

    // ---- activity

    void touched(long nowNanos) {
        lastActivityNanos = nowNanos;
        pingSentNanos = 0;
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    /** When the server pinged and is still waiting for an answer; 0 when not waiting. */
    long pingSentNanos() {
        return pingSentNanos;
    }

    void pinged(long nowNanos) {
        pingSentNanos = nowNanos;
    }

    long openedNanos() {
        return openedNanos;
    }

    /** Holds a frame that arrived before the connection was established. */
    boolean holdPending(byte[] frame, int max) {
        if (pending == null) {
            pending = new ArrayList<byte[]>(4);
        }
        if (pending.size() >= max) {
            return false;
        }
        pending.add(frame);
        return true;
    }

    /** Takes the held frames, or null when there are none. */
    List<byte[]> takePending() {
        List<byte[]> p = pending;
        pending = null;
        return p;
    }

    // ---- delta compression

    String deltaAlgorithm() {
        return deltaAlgorithm;
    }

    /** Whether the client can decode an algorithm (any, when it named none). */
    boolean decodes(String algorithm) {
        return deltaAlgorithms == null || deltaAlgorithms.isEmpty() || deltaAlgorithms.contains(algorithm);
    }

    void enableDelta(String algorithm, List<String> accepted) {
        this.deltaAlgorithm = algorithm;
        this.deltaAlgorithms = accepted == null || accepted.isEmpty() ? null : List.copyOf(accepted);
    }

    int deltaSubscriptions() {
        return deltaSubscriptions;
    }

    void deltaSubscriptionsChanged(int by) {
        deltaSubscriptions += by;
    }

    /** The subscriptions, for walking them (do not modify the array). */
    Subscription[] subscriptionArray() {
        return subscriptions;
    }

    @Override
    public String toString() {
        return "Session[" + idHigh + "." + idLow + "]";
    }
}
