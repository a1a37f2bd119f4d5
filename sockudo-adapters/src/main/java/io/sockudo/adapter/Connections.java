package io.sockudo.adapter;

import io.sockudo.adapter.connection.Outbound;
import io.sockudo.protocol.PusherError;
import io.sockudo.protocol.ServerFrames;

/**
 * The open connections of this node, by shard, and how one is ended with a Pusher error. Also
 * the draining switch: once set, new connections are refused and every open one is asked to
 * reconnect elsewhere.
 */
final class Connections {

    private final EngineContext ctx;
    private final ShardConnections[] byShard;
    private volatile boolean draining;

    Connections(EngineContext ctx) {
        this.ctx = ctx;
        this.byShard = new ShardConnections[ctx.local().shardCount()];
        for (int i = 0; i < byShard.length; i++) {
            byShard[i] = new ShardConnections();
        }
    }

    /** The connections of one shard; touch only on that shard's thread. */
    ShardConnections onShard(int shard) {
        return byShard[shard];
    }

    void add(Session c) {
        byShard[c.shard().index()].add(c);
        ctx.stats().connectionsOpened.increment();
        ctx.stats().app(c.app()).connectionsOpened.increment();
    }

    void remove(Session c) {
        byShard[c.shard().index()].remove(c);
        ctx.stats().connectionsClosed.increment();
        ctx.stats().app(c.app()).connectionsClosed.increment();
    }

    /** Connections open on this node, across apps. */
    int count() {
        int n = 0;
        for (AppState s : ctx.local().states()) {
            n += s.connectionCount();
        }
        return n;
    }

    /** Sends a fatal error and closes with its code. */
    void fail(Session c, PusherError error) {
        Outbound out = c.outbound();
        if (out.isOpen()) {
            ctx.stats().connectionErrors.increment();
            ctx.stats().app(c.app()).connectionErrors.increment();
            out.send(ctx.frame(ServerFrames.error(error)));
            out.close(error.closeCode(), error.message());
        }
    }

    boolean isDraining() {
        return draining;
    }

    /**
     * Graceful shutdown: refuse new connections and ask every client to reconnect (4200), so
     * they move to another node at once.
     */
    void drain() {
        draining = true;
        PusherError error = PusherError.serverShuttingDown();
        for (int i = 0; i < byShard.length; i++) {
            ShardConnections local = byShard[i];
            ctx.local().shard(i).execute(() -> local.forEach(c -> fail(c, error)));
        }
    }
}
