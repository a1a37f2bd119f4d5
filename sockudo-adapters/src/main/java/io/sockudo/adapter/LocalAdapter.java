package io.sockudo.adapter;

import io.sockudo.adapter.broadcast.Publication;
import io.sockudo.adapter.channel.Channel;
import io.sockudo.adapter.channel.MemberSet;
import io.sockudo.adapter.channel.Subscription;
import io.sockudo.adapter.connection.Connection;
import io.sockudo.adapter.connection.Frame;
import io.sockudo.adapter.connection.Shard;
import io.sockudo.adapter.connection.WireFormat;
import io.sockudo.adapter.delta.DeltaState;
import io.sockudo.adapter.delta.DeltaStats;
import io.sockudo.adapter.filter.FilterIndex;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's channels and their delivery. A publication is framed once and handed to every
 * shard that has subscribers of the channel, as one task per shard; each shard then writes the
 * shared frame to its own sockets. No lock is taken on the way, and the publishing thread does
 * no per-recipient work. Tag filters narrow the recipients through each shard's filter index;
 * delta-compressed subscribers get frames computed once per distinct base.
 */
public final class LocalAdapter {

    private final Shard[] shards;
    private final WireFormat wire;
    private final ConcurrentHashMap<String, AppState> apps = new ConcurrentHashMap<>();
    private final DeltaStats deltaStats = new DeltaStats();
    /** Stamps that let a filter index visit each subscription once per message. */
    private final AtomicLong stamps = new AtomicLong();
    private final MemberSet.Visitor<Subscription, Delivery> deliverTo = LocalAdapter::deliverTo;
    private final FilterIndex.Recipient<Delivery> recipient = LocalAdapter::deliverTo;

    /** One shard's share of a publication. */
    private record Delivery(Publication publication, long nowNanos, DeltaStats stats) {
    }

    public LocalAdapter(Shard[] shards, WireFormat wire) {
        if (shards.length == 0) {
            throw new IllegalArgumentException("at least one shard");
        }
        for (int i = 0; i < shards.length; i++) {
            if (shards[i].index() != i) {
                throw new IllegalArgumentException("shard " + i + " reports index " + shards[i].index());
            }
        }
        this.shards = shards.clone();
        this.wire = wire;
    }

    public int shardCount() {
        return shards.length;
    }

    public Shard shard(int i) {
        return shards[i];
    }

    public WireFormat wire() {
        return wire;
    }

    /** Frames a payload for the wire, once for all its recipients. */
    public Frame frame(byte[] payload) {
        return wire.frame(payload);
    }

    public AppState state(String appId) {
        return apps.computeIfAbsent(appId, id -> new AppState(id, shards.length));
    }

    /** The app's state if it has ever been used on this node, else null. */
    public AppState existingState(String appId) {
        return apps.get(appId);
    }

    public Collection<AppState> states() {
        return apps.values();
    }

    public DeltaStats deltaStats() {
        return deltaStats;
    }

    /** Delivers to this node's subscribers of the publication's channel. */
    public void deliver(AppState app, Publication p) {
        Channel channel = app.channels().get(p.channel());
        if (channel != null) {
            deliver(channel, p);
        }
    }

    /**
     * Posts one delivery task to each shard with subscribers. Always posted, also to the caller's
     * own shard: frames to one socket then leave in the order they were published, whatever
     * thread published them.
     */
    public void deliver(Channel channel, Publication p) {
        long stamp = p.filterable() ? stamps.incrementAndGet() : 0;
        for (int i = 0; i < shards.length; i++) {
            if (channel.members(i).size() > 0) {
                int shard = i;
                shards[i].execute(() -> deliverOnShard(channel, shard, p, stamp));
            }
        }
    }

    private void deliverOnShard(Channel channel, int shard, Publication p, long stamp) {
        Delivery d = new Delivery(p, p.delta() == null ? 0 : System.nanoTime(), deltaStats);
        FilterIndex index = channel.filters(shard);
        if (index == null || !p.filterable()) {
            channel.members(shard).forEach(d, deliverTo);
        } else {
            deltaStats.countFilteredOut(index.forEachRecipient(p.event(), p.tags(), stamp, d, recipient));
        }
    }

    private static void deliverTo(Subscription s, Delivery d) {
        Publication p = d.publication();
        Connection c = s.connection();
        if (c.is(p.except())) {
            return;
        }
        if (p.presenceVersion() != 0 && s.presenceVersion() >= p.presenceVersion()) {
            return;
        }
        DeltaState delta = s.delta();
        if (delta != null && p.delta() != null) {
            c.send(delta.next(p.delta(), d.nowNanos(), d.stats()));
        } else {
            c.send(p.frame());
        }
    }
}
