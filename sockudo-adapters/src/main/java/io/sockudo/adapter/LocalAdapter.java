package io.sockudo.adapter;

import io.sockudo.adapter.broadcast.Publication;
import io.sockudo.adapter.channel.Channel;
import io.sockudo.adapter.channel.MemberSet;
import io.sockudo.adapter.channel.Subscription;
import io.sockudo.adapter.connection.Frame;
import io.sockudo.adapter.connection.Shard;
import io.sockudo.adapter.connection.WireFormat;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's channels and their delivery. A publication is framed once and handed to every
 * shard that has subscribers of the channel, as one task per shard; each shard then writes the
 * shared frame to its own sockets. No lock is taken on the way, and the publishing thread does
 * no per-recipient work.
 */
public final class LocalAdapter {

    private final Shard[] shards;
    private final WireFormat wire;
    private final ConcurrentHashMap<String, AppState> apps = new ConcurrentHashMap<>();

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
        for (int i = 0; i < shards.length; i++) {
            MemberSet<Subscription> members = channel.members(i);
            if (members.size() > 0) {
                shards[i].execute(() -> members.forEach(p, LocalAdapter::deliverTo));
            }
        }
    }

    private static void deliverTo(Subscription s, Publication p) {
        if (s.connection().is(p.except())) {
            return;
        }
        if (p.presenceVersion() != 0 && s.presenceVersion() >= p.presenceVersion()) {
            return;
        }
        s.connection().send(p.frame());
    }
}
