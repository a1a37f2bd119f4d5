package io.sockudo.adapter;

import io.sockudo.adapter.broadcast.Publication;
import io.sockudo.adapter.cluster.Aggregate;
import io.sockudo.adapter.cluster.Answer;
import io.sockudo.adapter.cluster.Backbone;
import io.sockudo.adapter.cluster.NodeCount;
import io.sockudo.adapter.cluster.PresenceJoined;
import io.sockudo.adapter.cluster.PresenceLeft;
import io.sockudo.adapter.cluster.Query;
import io.sockudo.adapter.cluster.RequestType;
import io.sockudo.adapter.hooks.CachedEvent;
import io.sockudo.adapter.hooks.ChannelCache;
import io.sockudo.protocol.PresenceMember;
import io.sockudo.protocol.ServerFrames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link Adapter} of a node in a cluster: this node's sockets through its {@link LocalAdapter},
 * the other nodes' through a {@link Backbone}.
 *
 * <ul>
 *   <li>A publication is delivered here first, then sent once to the other nodes, each of which
 *       frames it once and delivers it to its own sockets with the same exclusion, tag filters
 *       and delta compression ({@link ClusterPublications}).</li>
 *   <li>Presence is replicated: each node tells the others when a user's first socket in a
 *       channel joins on it and when its last leaves; every node keeps the others' members
 *       ({@link RemoteMembers}), so member lists and counts are local reads and each node tells
 *       its own subscribers of each cluster-wide change once.</li>
 *   <li>Counts and socket lists ask every live peer and add this node's own values.</li>
 *   <li>The counts the engine must read without waiting (an app's connections, a channel's
 *       sockets, a user's connections) are announced by each node as they change
 *       ({@link CountAnnouncer}) and kept by every other ({@link RemoteCounts}).</li>
 * </ul>
 *
 * <p>What arrives from other nodes is handled by {@link ClusterInbox} on the backbone's thread,
 * which only hands work to the shards.
 */
public final class HorizontalAdapter implements Adapter, AutoCloseable {

    private final LocalAdapter local;
    private final Backbone backbone;
    private final ClusterInbox inbox;
    private final CountAnnouncer counts;
    /** Whether this node's cache is its own, so a miss is worth asking the peers about. */
    private final boolean ownCache;
    private final SharedAsks<Query, CachedEvent> cacheQuestions = new SharedAsks<>();

    /**
     * @param cache this node's channel cache: when it is not shared, the cached events of other
     *              nodes' publishes are stored in it as they arrive
     */
    public HorizontalAdapter(LocalAdapter local, Backbone backbone, ChannelCache cache) {
        this.local = local;
        this.backbone = backbone;
        this.counts = new CountAnnouncer(local, backbone);
        this.ownCache = !cache.shared();
        this.inbox = new ClusterInbox(local, backbone, counts, cache.shared() ? null : cache);
    }

    /** Connects to the backbone; returns at once (the connection is retried until it succeeds). */
    public void start() {
        backbone.start(inbox);
    }

    public Backbone backbone() {
        return backbone;
    }

    /** Tells the other nodes this one is leaving, so they forget its members at once. */
    @Override
    public void close() {
        counts.close();
        backbone.close();
    }

    // ------------------------------------------------------------------ delivery

    /**
     * App events (API and client events) go to every node. Protocol frames stay here: each node
     * tells its own subscribers (the subscription count, from the counts every node knows), so
     * sending them on would tell other nodes' subscribers twice.
     */
    @Override
    public void broadcast(String appId, Publication publication) {
        local.broadcast(appId, publication);
        if (publication.event() != null) {
            backbone.publish(ClusterPublications.toBroadcast(appId, publication, System.currentTimeMillis()));
        }
    }

    /** Runs inside the roster's monitor (see {@link PresenceRoster#join}): only queues. */
    @Override
    public void presenceMemberJoined(String appId, String channel, PresenceMember member) {
        backbone.publish(joined(appId, channel, member));
    }

    @Override
    public void presenceMemberLeft(String appId, String channel, String userId) {
        backbone.publish(new PresenceLeft(appId, channel, backbone.nodeId(), userId));
    }

    /** Members are counted per node and user, so the node's id stands where sockudo names a socket. */
    private PresenceJoined joined(String appId, String channel, PresenceMember member) {
        return new PresenceJoined(appId, channel, backbone.nodeId(), member.userId(), member.userInfo());
    }

    // ------------------------------------------------------------------ counts

    @Override
    public void countChanged(NodeCount.Key key) {
        counts.changed(key);
    }

    /**
     * Rendezvous hashing over the live nodes: every node that sees the same live nodes names the
     * same one for a channel, without asking anyone, and when a node dies or joins only its
     * share of the channels moves. Nodes agree again once each has heard of the change (a
     * heartbeat interval, or {@code node_timeout_ms} for a node that died).
     */
    @Override
    public boolean speaksFor(String appId, String channel) {
        String me = backbone.nodeId();
        long best = score(me, appId, channel);
        for (String peer : backbone.peers()) {
            long s = score(peer, appId, channel);
            if (s > best || (s == best && peer.compareTo(me) < 0)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean alone() {
        return backbone.peers().isEmpty();
    }

    private static long score(String nodeId, String appId, String channel) {
        long h = 0xcbf29ce484222325L;
        for (String part : new String[] {nodeId, appId, channel}) {
            for (int i = 0; i < part.length(); i++) {
                h = (h ^ part.charAt(i)) * 0x100000001b3L;
            }
            h = (h ^ 0xff) * 0x100000001b3L;
        }
        // a final mix, so that ids differing in their last character still spread well
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    // ------------------------------------------------------------------ queries

    @Override
    public CompletableFuture<Map<String, Integer>> channelsWithSocketsCount(String appId, String prefix) {
        return local.channelsWithSocketsCount(appId, prefix).thenCombine(
                backbone.request(Query.app(RequestType.CHANNELS_WITH_SOCKETS_COUNT, appId)), (mine, all) -> {
                    Map<String, Integer> out = new TreeMap<>(mine);
                    all.channelsWithSocketsCount().forEach((channel, n) -> {
                        if (prefix == null || channel.startsWith(prefix)) {
                            out.merge(channel, n.intValue(), Integer::sum);
                        }
                    });
                    out.values().removeIf(n -> n <= 0);
                    return out;
                });
    }

    @Override
    public CompletableFuture<Integer> channelSocketsCount(String appId, String channel) {
        return local.channelSocketsCount(appId, channel).thenCombine(
                backbone.request(Query.channel(RequestType.CHANNEL_SOCKETS_COUNT, appId, channel)),
                (mine, all) -> mine + (int) all.socketsCount());
    }

    @Override
    public CompletableFuture<Tally> channelSocketsTally(String appId, String channel) {
        return local.channelSocketsCount(appId, channel).thenCombine(
                backbone.request(Query.channel(RequestType.CHANNEL_SOCKETS_COUNT, appId, channel)),
                (mine, all) -> new Tally(mine + (int) all.socketsCount(), all.complete()));
    }

    @Override
    public CompletableFuture<Set<String>> channelSockets(String appId, String channel) {
        return local.channelSockets(appId, channel).thenCombine(
                backbone.request(Query.channel(RequestType.CHANNEL_SOCKETS, appId, channel)), (mine, all) -> {
                    Set<String> ids = new LinkedHashSet<>(mine);
                    ids.addAll(all.socketIds());
                    return Set.copyOf(ids);
                });
    }

    /** A local read: this node's roster holds every node's members. */
    @Override
    public CompletableFuture<List<ServerFrames.Member>> channelMembers(String appId, String channel) {
        return local.channelMembers(appId, channel);
    }

    @Override
    public CompletableFuture<Integer> channelMembersCount(String appId, String channel) {
        return local.channelMembersCount(appId, channel);
    }

    @Override
    public CompletableFuture<Integer> socketsCount(String appId) {
        return local.socketsCount(appId).thenCombine(backbone.request(Query.app(RequestType.SOCKETS_COUNT, appId)),
                (mine, all) -> mine + (int) all.socketsCount());
    }

    /**
     * Asks every peer once, within the request timeout; of the answers with time left, the one
     * with the most. Subscribers who miss the same channel while the question is out share it. A
     * shared cache has nothing the peers would not read from the same store.
     */
    @Override
    public CompletableFuture<CachedEvent> peersCachedEvent(String appId, String channel) {
        if (!ownCache || backbone.peers().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return cacheQuestions.ask(Query.channel(RequestType.CACHED_EVENT, appId, channel), q -> backbone.request(q).thenApply(all -> {
            Answer best = all.cachedEvent();
            return best == null ? null
                    : new CachedEvent(best.cachedEvent().getBytes(StandardCharsets.UTF_8), Duration.ofMillis(best.cacheTtlMs()));
        }));
    }

    /** Completes when every live node has closed the user's connections, or after the request timeout. */
    @Override
    public CompletableFuture<Void> terminateUserConnections(String appId, String userId) {
        CompletableFuture<Void> mine = local.terminateUserConnections(appId, userId);
        CompletableFuture<Aggregate> others = backbone.request(
                Query.user(RequestType.TERMINATE_USER_CONNECTIONS, appId, null, userId));
        return mine.thenCombine(others, (a, b) -> null);
    }
}
