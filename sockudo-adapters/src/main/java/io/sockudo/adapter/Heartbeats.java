package io.sockudo.adapter;

import io.sockudo.adapter.connection.Shard;
import io.sockudo.protocol.PusherError;
import io.sockudo.protocol.ServerFrames;
import java.util.concurrent.TimeUnit;

/**
 * The activity clock, swept per shard a few times per timeout: a silent client is pinged after
 * {@code activity_timeout} and closed with 4201 when the pong does not come; a connection of an
 * app that requires sign-in is closed with 4009 when it has not signed in in time; idle delta
 * chains are freed. Sweeps stop when the node drains.
 */
final class Heartbeats {

    private final EngineContext ctx;
    private final Connections connections;
    private final DeltaNegotiation delta;
    /** Per shard, when idle delta chains were last freed; shard-confined. */
    private final long[] lastDeltaSweep;

    Heartbeats(EngineContext ctx, Connections connections, DeltaNegotiation delta) {
        this.ctx = ctx;
        this.connections = connections;
        this.delta = delta;
        this.lastDeltaSweep = new long[ctx.local().shardCount()];
    }

    void start() {
        long interval = sweepIntervalMillis();
        for (int i = 0; i < ctx.local().shardCount(); i++) {
            schedule(ctx.local().shard(i), interval);
        }
    }

    private void schedule(Shard shard, long intervalMillis) {
        shard.schedule(() -> {
            if (!connections.isDraining()) {
                sweep(shard);
                schedule(shard, intervalMillis);
            }
        }, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private long sweepIntervalMillis() {
        EngineOptions o = ctx.options();
        long shortest = Math.min(o.activityTimeout().toMillis(),
                Math.min(o.pongTimeout().toMillis(), o.userAuthenticationTimeout().toMillis()));
        return Math.max(50, Math.min(1000, shortest / 4));
    }

    private void sweep(Shard shard) {
        EngineOptions o = ctx.options();
        long now = ctx.clock().nanoTime();
        long activity = o.activityTimeout().toNanos();
        long pong = o.pongTimeout().toNanos();
        long auth = o.userAuthenticationTimeout().toNanos();
        // idle delta chains are freed a few times per state age, not on every sweep
        long deltaPeriod = Math.max(1, o.delta().maxStateAge().toNanos() / 4);
        boolean expireDeltas = now - lastDeltaSweep[shard.index()] >= deltaPeriod;
        if (expireDeltas) {
            lastDeltaSweep[shard.index()] = now;
        }
        connections.onShard(shard.index()).forEach(c -> {
            if (!c.isOpen()) {
                return;
            }
            if (expireDeltas) {
                delta.expire(c, now);
            }
            long pinged = c.pingSentNanos();
            if (pinged != 0) {
                if (now - pinged >= pong) {
                    connections.fail(c, PusherError.pongNotReceived());
                    return;
                }
            } else if (now - c.lastActivityNanos() >= activity) {
                c.pinged(now);
                ctx.send(c, ServerFrames.ping());
            }
            if (c.app().enableUserAuthentication() && !c.isAuthorized() && now - c.openedNanos() >= auth) {
                connections.fail(c, PusherError.unauthorized("Connection not authorized within timeout."));
            }
        });
    }
}
