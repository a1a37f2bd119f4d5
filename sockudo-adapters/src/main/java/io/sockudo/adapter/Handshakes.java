package io.sockudo.adapter;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.OriginPolicy;
import io.sockudo.adapter.cluster.NodeCount;
import io.sockudo.adapter.connection.Handshake;
import io.sockudo.adapter.connection.Outbound;
import io.sockudo.adapter.connection.Shard;
import io.sockudo.protocol.PusherError;
import io.sockudo.protocol.ServerFrames;
import io.sockudo.protocol.SocketId;
import java.util.Arrays;
import java.util.List;

/**
 * Opening a connection: the protocol version, the app lookup (asynchronous; frames that arrive
 * meanwhile are held), the app's state and origin rules, the node's and the app's connection
 * quotas, and {@code pusher:connection_established}.
 */
final class Handshakes {

    private static final System.Logger LOG = System.getLogger(Handshakes.class.getName());

    /** Frames held while the app is looked up (only stores answering over the network take time). */
    private static final int MAX_PENDING_FRAMES = 32;

    /** Handles a frame of an established connection. */
    @FunctionalInterface
    interface FrameHandler {
        void handle(Session c, byte[] buf, int off, int len);
    }

    private final EngineContext ctx;
    private final Connections connections;
    private final FrameHandler frames;
    private final int activityTimeoutSeconds;

    Handshakes(EngineContext ctx, Connections connections, FrameHandler frames) {
        this.ctx = ctx;
        this.connections = connections;
        this.frames = frames;
        this.activityTimeoutSeconds = (int) Math.max(1, ctx.options().activityTimeout().toSeconds());
    }

    Session open(Shard shard, Outbound out, Handshake handshake) {
        Session c = new Session(SocketId.random(), shard, out, ctx.clock().nanoTime());
        PusherError versionError = checkProtocol(handshake.protocol());
        if (versionError != null) {
            connections.fail(c, versionError);
            return c;
        }
        if (connections.isDraining()) {
            connections.fail(c, PusherError.serverShuttingDown());
            return c;
        }
        ctx.apps().findByKey(handshake.appKey()).whenComplete((app, error) -> {
            if (shard.inShard()) {
                establish(c, handshake, app, error);
            } else {
                shard.execute(() -> establish(c, handshake, app, error));
            }
        });
        return c;
    }

    /** Pusher clients send {@code protocol=7}; 4 to 7 are understood, others refused as Pusher does. */
    private static PusherError checkProtocol(String protocol) {
        if (protocol == null || protocol.isEmpty()) {
            return null;
        }
        int version;
        try {
            version = Integer.parseInt(protocol);
        } catch (NumberFormatException e) {
            return PusherError.invalidVersion(protocol);
        }
        return version < 4 || version > 7 ? PusherError.unsupportedProtocol(version) : null;
    }

    /** Holds a frame that arrived before the app lookup finished. */
    void hold(Session c, byte[] buf, int off, int len) {
        if (!c.holdPending(Arrays.copyOfRange(buf, off, off + len), MAX_PENDING_FRAMES)) {
            connections.fail(c, PusherError.invalidMessage("too many frames before the connection was established"));
        }
    }

    private void establish(Session c, Handshake handshake, App app, Throwable error) {
        if (c.isClosed() || !c.outbound().isOpen()) {
            return;
        }
        PusherError refused = refusal(handshake, app, error);
        if (refused != null) {
            connections.fail(c, refused);
            return;
        }
        int max = ctx.options().maxConnections();
        if (max > 0 && connections.count() >= max) {
            connections.fail(c, PusherError.overCapacity());
            return;
        }
        if (!admit(app)) {
            connections.fail(c, PusherError.overConnectionQuota());
            return;
        }
        c.open(app);
        connections.add(c);
        ctx.send(c, ServerFrames.connectionEstablished(c.socketId().toString(), activityTimeoutSeconds));
        List<byte[]> pending = c.takePending();
        if (pending != null) {
            for (byte[] f : pending) {
                if (!c.isOpen()) {
                    break;
                }
                frames.handle(c, f, 0, f.length);
            }
        }
    }

    /**
     * Counts a connection against the app's {@code max_connections}, on the cluster: this node's
     * count is exact, the other nodes' is what they last announced ({@link CountAnnouncer}), read
     * without waiting. Connections opened on other nodes in the last few milliseconds may not be
     * counted yet, so a cluster racing for the last places can exceed the quota by those; it
     * never refuses a connection the cluster has room for, once the counts have arrived.
     */
    private boolean admit(App app) {
        int quota = app.maxConnections();
        if (quota <= 0) {
            return ctx.local().state(app.id()).admitConnection(0);
        }
        long others = ctx.local().othersCount(connectionsKey(app));
        int room = (int) Math.max(0, quota - others);
        if (room == 0 || !ctx.local().state(app.id()).admitConnection(room)) {
            return false;
        }
        ctx.adapter().countChanged(connectionsKey(app));
        return true;
    }

    /** A connection of the app closed: the other nodes learn it when they count the app's quota. */
    void released(App app) {
        if (app.maxConnections() > 0) {
            ctx.adapter().countChanged(connectionsKey(app));
        }
    }

    private static NodeCount.Key connectionsKey(App app) {
        return new NodeCount.Key(NodeCount.Kind.APP_CONNECTIONS, app.id(), null);
    }

    /** Why the app refuses this connection, or null when it takes it. */
    private static PusherError refusal(Handshake handshake, App app, Throwable error) {
        if (error != null) {
            LOG.log(System.Logger.Level.WARNING, "app lookup failed for key " + handshake.appKey(), error);
            return new PusherError(PusherError.OVER_CAPACITY, "App lookup failed; try again");
        }
        if (app == null) {
            return PusherError.appNotFound(handshake.appKey());
        }
        if (!app.enabled()) {
            return PusherError.appDisabled();
        }
        if (!OriginPolicy.allows(app.allowedOrigins(), handshake.origin())) {
            return PusherError.originNotAllowed();
        }
        return null;
    }
}
