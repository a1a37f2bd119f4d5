package io.sockudo.adapter;

import io.sockudo.adapter.broadcast.Publication;
import io.sockudo.adapter.cluster.NodeCount;
import io.sockudo.adapter.connection.Frame;
import io.sockudo.adapter.connection.Shard;
import io.sockudo.adapter.connection.WireFormat;
import io.sockudo.adapter.delta.DeltaSource;
import io.sockudo.protocol.PresenceMember;
import io.sockudo.protocol.ServerFrames;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The single-node {@link Adapter}, and this node's channels and their delivery. A publication is
 * framed once and handed to every shard that has subscribers of the channel, as one task per
 * shard; each shard then writes the shared frame to its own sockets. No lock is taken on the way,
 * and the publishing thread does no per-recipient work. Tag filters narrow the recipients through
 * each shard's filter index; delta-compressed subscribers get frames computed once per distinct base.
 */
public final class LocalAdapter implements Adapter {

    private final Shard[] shards;
    private final WireFormat wire;
    private final EngineClock clock;
    private final ConcurrentHashMap<String, AppState> apps = new ConcurrentHashMap<>();
    /** The presence members other nodes have; empty on a single node. */
    private final RemoteMembers remote = new RemoteMembers();
    private final ClusterRosters clusterRosters = new ClusterRosters(this, remote);
    /** The counts other nodes announced; empty on a single node. */
    private final RemoteCounts remoteCounts = new RemoteCounts();
    /** Stamps that let a filter index visit each subscription once per message. */
    private final AtomicLong stamps = new AtomicLong();
    private final MemberSet.Visitor<Subscription, Delivery> deliverTo = LocalAdapter::deliverTo;
    private final FilterIndex.Recipient<Delivery> recipient = LocalAdapter::deliverTo;
    /** How a terminated user's connection is closed; set by the connection handler. */
    private volatile Consumer<Session> terminator = s -> { };

    /** One shard's share of a publication, and how many of its sockets it was written to. */
    private static final class Delivery {
        final Publication publication;
        final Frame frame;
        final DeltaMessage delta;
        final long nowNanos;
        final DeltaStats stats;
        int recipients;

        Delivery(Publication publication, Frame frame, DeltaMessage delta, long nowNanos, DeltaStats stats) {
            this.publication = publication;
            this.frame = frame;
            this.delta = delta;
            this.nowNanos = nowNanos;
            this.stats = stats;
        }
    }

    public LocalAdapter(Shard[] shards, WireFormat wire) {
        this(shards, wire, EngineClock.SYSTEM);
    }

    public LocalAdapter(Shard[] shards, WireFormat wire, EngineClock clock) {
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
        this.clock = clock;
    }

    /** Delta compression counters summed over every app, for metrics and tests. */
    public DeltaStats deltaStats() {
        return DeltaStats.sum(deltaStatsByApp().values());
    }

    /** Each app's delta compression counters, by app id. */
    public Map<String, DeltaStats> deltaStatsByApp() {
        Map<String, DeltaStats> byApp = new TreeMap<>();
        apps.forEach((id, s) -> byApp.put(id, s.deltaStats()));
        return byApp;
    }

    /** Each app's {@code broadcast_latency_ms}, by app id. */
    public Map<String, BroadcastLatency> broadcastLatencyByApp() {
        Map<String, BroadcastLatency> byApp = new TreeMap<>();
        apps.forEach((id, s) -> byApp.put(id, s.latency()));
        return byApp;
    }

    /** Occupied channels on this node, of all apps, for metrics. */
    public int channelCount() {
        int n = 0;
        for (AppState s : apps.values()) {
            n += s.channels().size();
        }
        return n;
    }

    int shardCount() {
        return shards.length;
    }

    Shard shard(int i) {
        return shards[i];
    }

    /** Frames a payload for the wire, once for all its recipients. */
    Frame frame(byte[] payload) {
        return wire.frame(payload);
    }

    AppState state(String appId) {
        return apps.computeIfAbsent(appId, id -> new AppState(id, shards.length, remote));
    }

    /** The app's state if it has ever been used on this node, else null. */
    AppState existingState(String appId) {
        return apps.get(appId);
    }

    Collection<AppState> states() {
        return apps.values();
    }

    void terminator(Consumer<Session> t) {
        this.terminator = t;
    }

    /** This node's channels as they follow the other nodes' presence members. */
    ClusterRosters clusterRosters() {
        return clusterRosters;
    }

    // ------------------------------------------------------------------ delivery

    @Override
    public void broadcast(String appId, Publication p) {
        AppState state = apps.get(appId);
        Channel channel = state == null ? null : state.channels().get(p.channel());
        if (channel != null) {
            deliver(state, channel, p);
        }
    }

    /**
     * Posts one delivery task to each shard with subscribers. Always posted, also to the caller's
     * own shard: frames to one socket then leave in the order they were published, whatever
     * thread published them. A timed publication gets one {@link Fanout} that the shards count
     * down; the last to finish its writes observes the latency.
     */
    private void deliver(AppState state, Channel channel, Publication p) {
        long stamp = p.filterable() ? stamps.incrementAndGet() : 0;
        Frame frame = wire.frame(p.payload());
        DeltaSource source = p.delta();
        DeltaMessage delta = source == null ? null
                : new DeltaMessage(channel.name(), p.event(), p.payload(), channel.nextSequence(),
                        ConflationKey.extract(source.data(), source.conflationKeyPath()), wire, source.omitAlgorithm(),
                        frame);
        Fanout fanout = p.timed() ? new Fanout(p, state.latency(), clock) : null;
        DeltaStats stats = state.deltaStats();
        for (int i = 0; i < shards.length; i++) {
            if (channel.members(i).size() > 0) {
                int shard = i;
                if (fanout != null) {
                    fanout.shardPosted();
                }
                shards[i].execute(() -> deliverOnShard(channel, shard, p, frame, delta, stamp, stats, fanout));
            }
        }
        if (fanout != null) {
            fanout.shardDone(0); // the publisher's own hold: no shard can finish the count before every one is posted
        }
    }

    private void deliverOnShard(Channel channel, int shard, Publication p, Frame frame, DeltaMessage delta, long stamp,
                                DeltaStats stats, Fanout fanout) {
        Delivery d = new Delivery(p, frame, delta, delta == null ? 0 : clock.nanoTime(), stats);
        FilterIndex index = channel.filters(shard);
        if (index == null || !p.filterable()) {
            channel.members(shard).forEach(d, deliverTo);
        } else {
            stats.countFilteredOut(index.forEachRecipient(p.event(), p.tags(), stamp, d, recipient));
        }
        if (fanout != null) {
            fanout.shardDone(d.recipients);
        }
    }

    private static void deliverTo(Subscription s, Delivery d) {
        Publication p = d.publication;
        Session c = s.connection();
        if (c.is(p.except())) {
            return;
        }
        if (p.presenceVersion() != 0 && s.presenceVersion() >= p.presenceVersion()) {
            return;
        }
        d.recipients++;
        DeltaState delta = s.delta();
        if (delta != null && d.delta != null) {
            c.send(delta.next(d.delta, d.nowNanos, d.stats));
        } else {
            c.send(d.frame);
        }
    }

    // ------------------------------------------------------------------ presence announcements

    /** Nothing to tell: this node's rosters are the only ones. */
    @Override
    public void presenceMemberJoined(String appId, String channel, PresenceMember member) {
    }

    /** Nothing to tell: this node's rosters are the only ones. */
    @Override
    public void presenceMemberLeft(String appId, String channel, String userId) {
    }

    // ------------------------------------------------------------------ counts

    RemoteCounts remoteCounts() {
        return remoteCounts;
    }

    /** This node's own value of a count the cluster sums ({@link NodeCount}). */
    long localCount(NodeCount.Key key) {
        AppState state = apps.get(key.appId());
        if (state == null) {
            return 0;
        }
        return switch (key.kind()) {
            case APP_CONNECTIONS -> state.connectionCount();
            case CHANNEL_SOCKETS -> {
                Channel c = state.channels().get(key.name());
                yield c == null ? 0 : c.subscriptionCount();
            }
            case USER_CONNECTIONS -> state.userConnections(key.name()).size();
        };
    }

    /** The sum of the other nodes' values of a count, as they last announced it; 0 on a single node. */
    long othersCount(NodeCount.Key key) {
        return remoteCounts.total(key);
    }

    // ------------------------------------------------------------------ queries

    private Channel channel(String appId, String name) {
        AppState state = apps.get(appId);
        return state == null ? null : state.channels().get(name);
    }

    @Override
    public CompletableFuture<Map<String, Integer>> channelsWithSocketsCount(String appId, String prefix) {
        Map<String, Integer> out = new TreeMap<>();
        AppState state = apps.get(appId);
        if (state != null) {
            for (Channel c : state.channels().list(prefix)) {
                out.put(c.name(), c.subscriptionCount());
            }
        }
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public CompletableFuture<Integer> channelSocketsCount(String appId, String channel) {
        Channel c = channel(appId, channel);
        return CompletableFuture.completedFuture(c == null ? 0 : c.subscriptionCount());
    }

    /**
     * Gathers the socket ids from every shard on its own thread (memberships are shard-confined),
     * so the answer completes once each shard has run its part.
     */
    @Override
    public CompletableFuture<Set<String>> channelSockets(String appId, String channel) {
        Channel c = channel(appId, channel);
        if (c == null) {
            return CompletableFuture.completedFuture(Set.of());
        }
        Set<String> ids = ConcurrentHashMap.newKeySet();
        CompletableFuture<?>[] parts = new CompletableFuture<?>[shards.length];
        for (int i = 0; i < shards.length; i++) {
            int shard = i;
            parts[i] = CompletableFuture.runAsync(
                    () -> c.members(shard).forEach(ids, (s, out) -> out.add(s.connection().socketId().toString())), shards[i]);
        }
        return CompletableFuture.allOf(parts).thenApply(x -> Set.copyOf(new HashSet<>(ids)));
    }

    @Override
    public CompletableFuture<List<ServerFrames.Member>> channelMembers(String appId, String channel) {
        Channel c = channel(appId, channel);
        if (c == null || c.roster() == null) {
            // no subscriber here: what other nodes have (nothing on a single node)
            return CompletableFuture.completedFuture(remote.members(appId, channel));
        }
        return CompletableFuture.completedFuture(c.roster().snapshot());
    }

    @Override
    public CompletableFuture<Integer> channelMembersCount(String appId, String channel) {
        Channel c = channel(appId, channel);
        if (c == null || c.roster() == null) {
            return CompletableFuture.completedFuture(remote.members(appId, channel).size());
        }
        return CompletableFuture.completedFuture(c.roster().userCount());
    }

    @Override
    public CompletableFuture<Integer> socketsCount(String appId) {
        AppState state = apps.get(appId);
        return CompletableFuture.completedFuture(state == null ? 0 : state.connectionCount());
    }

    @Override
    public CompletableFuture<Void> terminateUserConnections(String appId, String userId) {
        AppState state = apps.get(appId);
        if (state != null) {
            Consumer<Session> t = terminator;
            for (Session c : state.userConnections(userId)) {
                c.shard().execute(() -> t.accept(c));
            }
        }
        return CompletableFuture.completedFuture(null);
    }
}
