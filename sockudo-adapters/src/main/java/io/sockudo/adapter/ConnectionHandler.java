package io.sockudo.adapter;

import io.sockudo.adapter.app.AppManager;
import io.sockudo.adapter.cluster.NodeCount;
import io.sockudo.adapter.connection.Connection;
import io.sockudo.adapter.connection.Handshake;
import io.sockudo.adapter.connection.Outbound;
import io.sockudo.adapter.connection.Shard;
import io.sockudo.adapter.hooks.ChannelCache;
import io.sockudo.adapter.hooks.WebhookSink;
import io.sockudo.protocol.ClientMessage;
import io.sockudo.protocol.DeltaRequest;
import io.sockudo.protocol.PresenceMember;
import io.sockudo.protocol.ProtocolException;
import io.sockudo.protocol.PusherError;
import io.sockudo.protocol.PusherEvents;
import io.sockudo.protocol.ServerFrames;
import io.sockudo.protocol.SigninRequest;
import io.sockudo.protocol.SubscribeRequest;
import io.sockudo.protocol.UnsubscribeRequest;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The Pusher protocol, one connection at a time: what the transport calls. It decodes each frame
 * and hands it to the collaborator that owns the feature (handshakes, subscriptions and presence,
 * client events, delta negotiation, sign-in, heartbeats); it holds no protocol logic itself. The
 * transport calls it on the connection's own I/O thread; it never blocks there.
 */
public final class ConnectionHandler {

    private static final System.Logger LOG = System.getLogger(ConnectionHandler.class.getName());

    private final EngineContext ctx;
    private final Connections connections;
    private final Handshakes handshakes;
    private final Subscriptions subscriptions;
    private final ClientEvents clientEvents;
    private final DeltaNegotiation delta;
    private final UserSessions users;
    private final Heartbeats heartbeats;

    /** A single-node engine: {@code local} is also the adapter. */
    public ConnectionHandler(LocalAdapter local, AppManager apps, EngineOptions options, WebhookSink webhooks,
                             ChannelCache cache, ScheduledExecutorService timer) {
        this(local, local, apps, options, webhooks, cache, timer);
    }

    /**
     * An engine whose cluster-wide work goes through {@code adapter} (which delivers to this
     * node's sockets through {@code local}).
     */
    public ConnectionHandler(LocalAdapter local, Adapter adapter, AppManager apps, EngineOptions options,
                             WebhookSink webhooks, ChannelCache cache, ScheduledExecutorService timer) {
        ChannelLifecycle lifecycle = new ChannelLifecycle(local, adapter, webhooks, timer, options);
        this.ctx = new EngineContext(local, adapter, apps, options, new EngineStats(), webhooks, cache, lifecycle);
        this.connections = new Connections(ctx);
        this.delta = new DeltaNegotiation(ctx);
        this.subscriptions = new Subscriptions(ctx, new Presence(ctx), delta, new CacheReplay(ctx));
        this.clientEvents = new ClientEvents(ctx);
        this.users = new UserSessions(ctx, connections, subscriptions);
        this.heartbeats = new Heartbeats(ctx, connections, delta);
        this.handshakes = new Handshakes(ctx, connections, this::handle);
        local.terminator(users::terminate);
        local.remoteCounts().listener(this::othersChanged);
        local.clusterRosters().memberChanges(this::membersChangedElsewhere);
    }

    /** Another node's message changed a channel's members cluster-wide: the member webhooks follow. */
    private void membersChangedElsewhere(String appId, String channel, PresenceMember m, boolean joined) {
        ctx.apps().findById(appId).thenAccept(app -> {
            if (app != null && joined) {
                ctx.lifecycle().memberAdded(app, channel, m.userId(), m.userIdJson());
            } else if (app != null) {
                ctx.lifecycle().memberRemoved(app, channel, m.userId(), m.userIdJson());
            }
        });
    }

    /** Another node's count changed (on the backbone's thread): what depends on the cluster's count follows. */
    private void othersChanged(NodeCount.Key key) {
        if (key.kind() == NodeCount.Kind.APP_CONNECTIONS) {
            return; // read when a connection opens
        }
        ctx.apps().findById(key.appId()).thenAccept(app -> {
            if (app == null) {
                return;
            }
            if (key.kind() == NodeCount.Kind.CHANNEL_SOCKETS) {
                ctx.lifecycle().othersChanged(app, key.name());
            } else if (app.enableWatchlistEvents()) {
                users.othersChanged(app, key.name());
            }
        });
    }

    /** Starts the per-shard activity sweeps. */
    public void start() {
        heartbeats.start();
    }

    /**
     * A WebSocket was opened. Returns the connection the transport passes to every later call.
     * The app is looked up asynchronously; frames that arrive meanwhile are held and handled in
     * order once the connection is established.
     */
    public Connection open(Shard shard, Outbound out, Handshake handshake) {
        return handshakes.open(shard, out, handshake);
    }

    /** A text frame arrived. */
    public void onText(Connection connection, byte[] buf, int off, int len) {
        Session c = (Session) connection;
        c.touched(ctx.clock().nanoTime());
        if (c.isConnecting()) {
            handshakes.hold(c, buf, off, len);
            return;
        }
        if (c.isOpen()) {
            handle(c, buf, off, len);
        }
    }

    /** A WebSocket ping or pong arrived: the client is alive. */
    public void onActivity(Connection connection) {
        ((Session) connection).touched(ctx.clock().nanoTime());
    }

    private void handle(Session c, byte[] buf, int off, int len) {
        try {
            dispatch(c, ClientMessage.decode(buf, off, len));
        } catch (ProtocolException e) {
            // malformed frames are answered and forgiven: the connection stays up
            ctx.stats().malformedFrames.increment();
            ctx.send(c, ServerFrames.error(e.error()));
        } catch (RuntimeException e) {
            // A bug must cost this frame, never the connection or the I/O thread.
            LOG.log(System.Logger.Level.ERROR, "unexpected failure handling a frame of " + c, e);
            ctx.send(c, ServerFrames.error(PusherError.invalidMessage("internal error")));
        }
    }

    private void dispatch(Session c, ClientMessage m) {
        String event = m.event();
        if (event.startsWith(PusherEvents.CLIENT_EVENT_PREFIX)) {
            clientEvents.relay(c, m);
            return;
        }
        switch (event) {
            case PusherEvents.PING -> ctx.send(c, ServerFrames.pong());
            case PusherEvents.PONG -> { }
            case PusherEvents.SUBSCRIBE -> subscriptions.subscribe(c, SubscribeRequest.from(m));
            case PusherEvents.UNSUBSCRIBE -> subscriptions.unsubscribe(c, UnsubscribeRequest.from(m).channel());
            case PusherEvents.SIGNIN -> users.signin(c, SigninRequest.from(m));
            case PusherEvents.ENABLE_DELTA_COMPRESSION -> delta.enable(c, DeltaRequest.algorithmsOf(m));
            case PusherEvents.DELTA_SYNC_ERROR -> delta.syncError(c, DeltaRequest.syncErrorChannel(m));
            default -> { }  // unknown events are ignored, as Pusher does
        }
    }

    /**
     * The connection is over: its close frame arrived, or the socket failed. Releases everything
     * at once, so that a query right after a client leaves already sees it gone. Idempotent.
     */
    public void onClose(Connection connection) {
        Session c = (Session) connection;
        if (c.isClosed()) {
            return;
        }
        boolean wasOpen = c.isOpen();
        c.markClosed();
        if (!wasOpen) {
            return;
        }
        connections.remove(c);
        for (Subscription s : c.drainSubscriptions()) {
            subscriptions.leave(c, s);
        }
        if (c.userId() != null) {
            users.signOut(c);
        }
        clientEvents.closed(c);
        ctx.local().state(c.app().id()).releaseConnection();
        handshakes.released(c.app());
    }

    /**
     * Closes every connection of a user with 4009, as
     * {@code POST /apps/{id}/users/{user}/terminate_connections} asks, on every node.
     */
    public void terminateUserConnections(String appId, String userId) {
        ctx.adapter().terminateUserConnections(appId, userId);
    }

    /**
     * Graceful shutdown: refuse new connections and ask every client to reconnect (4200), so
     * they move to another node at once.
     */
    public void drain() {
        connections.drain();
    }

    /** Sends the debounced webhooks (vacated, member removed) now; for shutdown, after {@link #drain()}. */
    public void flushWebhooks() {
        ctx.lifecycle().flushPendingRemovals();
    }

    public boolean isDraining() {
        return connections.isDraining();
    }

    public EngineStats stats() {
        return ctx.stats();
    }

    /** Connections open on this node. */
    public int connectionCount() {
        return connections.count();
    }
}
