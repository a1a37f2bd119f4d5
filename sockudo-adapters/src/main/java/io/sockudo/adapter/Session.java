package io.sockudo.adapter.connection;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.channel.Subscription;
import io.sockudo.protocol.SocketId;
import java.util.Arrays;

/**
 * One client connection as the engine sees it: its socket id, app, subscriptions, signed-in
 * user and activity clock. Confined to its {@link Shard}'s thread; nothing here is synchronized.
 *
 * <p>Kept small on purpose: an idle server holds tens of thousands of these.
 */
public final class Connection {

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
    private long openedNanos;
    private long lastActivityNanos;
    private long pingSentNanos;
    private int clientEventWindow;
    private int clientEventsInWindow;
    /** Frames that arrived while the app was being looked up; null almost always. */
    private java.util.List<byte[]> pending;
    /** The algorithm this socket asked for with {@code pusher:enable_delta_compression}; null when it did not. */
    private String deltaAlgorithm;
    /** The algorithms the client said it decodes, in its order; null when it named none. */
    private java.util.List<String> deltaAlgorithms;
    /** Subscriptions that keep delta state, bounded by {@code max_channel_states_per_socket}. */
    private int deltaSubscriptions;
    /** Position in the shard's connection list, for O(1) removal. */
    int shardSlot = -1;

    private static final Subscription[] NONE = new Subscription[0];

    public Connection(SocketId id, Shard shard, Outbound out, long nowNanos) {
        this.idHigh = id.high();
        this.idLow = id.low();
        this.shard = shard;
        this.out = out;
        this.openedNanos = nowNanos;
        this.lastActivityNanos = nowNanos;
    }

    public SocketId socketId() {
        return new SocketId(idHigh, idLow);
    }

    /** Whether this is the socket with the given id, without allocating. */
    public boolean is(SocketId id) {
        return id != null && id.is(idHigh, idLow);
    }

    public Shard shard() {
        return shard;
    }

    public Outbound outbound() {
        return out;
    }

    public App app() {
        return app;
    }

    /** The app was found and admitted the connection. */
    public void open(App app) {
        this.app = app;
        this.state = OPEN;
    }

    public boolean isOpen() {
        return state == OPEN;
    }

    public boolean isConnecting() {
        return state == CONNECTING;
    }

    public boolean isClosed() {
        return state == CLOSED;
    }

    public void markClosed() {
        state = CLOSED;
    }

    /** Sends a frame if the connection is still open. */
    public void send(Frame frame) {
        if (state != CLOSED && out.isOpen()) {
            out.send(frame);
        }
    }

    // ---- subscriptions: a tiny array map, since most connections have a handful of channels

    public Subscription subscription(String channel) {
        for (int i = 0; i < subscriptionCount; i++) {
            if (subscriptions[i].channel().name().equals(channel)) {
                return subscriptions[i];
            }
        }
        return null;
    }

    public void addSubscription(Subscription s) {
        if (subscriptionCount == subscriptions.length) {
            subscriptions = Arrays.copyOf(subscriptions, Math.max(2, subscriptionCount * 2));
        }
        subscriptions[subscriptionCount++] = s;
    }

    public Subscription removeSubscription(String channel) {
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
    public Subscription[] drainSubscriptions() {
        Subscription[] all = Arrays.copyOf(subscriptions, subscriptionCount);
        subscriptions = NONE;
        subscriptionCount = 0;
        return all;
    }

    public int subscriptionCount() {
        return subscriptionCount;
    }

    // ---- user

    public String userId() {
        return userId;
    }

    public void signIn(String userId) {
        this.userId = userId;
        this.authorized = true;
    }

    public boolean isAuthorized() {
        return authorized;
    }

    public void authorize() {
        authorized = true;
    }

    // ---- activity

    public void touched(long nowNanos) {
        lastActivityNanos = nowNanos;
        pingSentNanos = 0;
    }

    public long lastActivityNanos() {
        return lastActivityNanos;
    }

    /** When the server pinged and is still waiting for an answer; 0 when not waiting. */
    public long pingSentNanos() {
        return pingSentNanos;
    }

    public void pinged(long nowNanos) {
        pingSentNanos = nowNanos;
    }

    public long openedNanos() {
        return openedNanos;
    }

    // ---- client event rate limit: a fixed one-second window, counting refused events too

    /** Counts a client event; returns false when it exceeds {@code perSecond} in this second. */
    public boolean admitClientEvent(int perSecond, long nowNanos) {
        if (perSecond <= 0) {
            return true;
        }
        int window = (int) (nowNanos / 1_000_000_000L);
        if (window != clientEventWindow) {
            clientEventWindow = window;
            clientEventsInWindow = 0;
        }
        return ++clientEventsInWindow <= perSecond;
    }

    /** Holds a frame that arrived before the connection was established. */
    public boolean holdPending(byte[] frame, int max) {
        if (pending == null) {
            pending = new java.util.ArrayList<byte[]>(4);
        }
        if (pending.size() >= max) {
            return false;
        }
        pending.add(frame);
        return true;
    }

    /** Takes the held frames, or null when there are none. */
    public java.util.List<byte[]> takePending() {
        java.util.List<byte[]> p = pending;
        pending = null;
        return p;
    }

    // ---- delta compression

    public String deltaAlgorithm() {
        return deltaAlgorithm;
    }

    /** Whether the client can decode an algorithm (any, when it named none). */
    public boolean decodes(String algorithm) {
        return deltaAlgorithms == null || deltaAlgorithms.isEmpty() || deltaAlgorithms.contains(algorithm);
    }

    public void enableDelta(String algorithm, java.util.List<String> accepted) {
        this.deltaAlgorithm = algorithm;
        this.deltaAlgorithms = accepted == null || accepted.isEmpty() ? null : java.util.List.copyOf(accepted);
    }

    public int deltaSubscriptions() {
        return deltaSubscriptions;
    }

    public void deltaSubscriptionsChanged(int by) {
        deltaSubscriptions += by;
    }

    /** The subscriptions, for walking them (do not modify the array). */
    public Subscription[] subscriptionArray() {
        return subscriptions;
    }

    @Override
    public String toString() {
        return "Connection[" + idHigh + "." + idLow + "]";
    }
}
