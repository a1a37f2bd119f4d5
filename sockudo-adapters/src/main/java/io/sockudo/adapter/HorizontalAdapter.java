package io.sockudo.adapter;

import io.sockudo.adapter.broadcast.Publication;
import io.sockudo.adapter.cluster.Aggregate;
import io.sockudo.adapter.cluster.Backbone;
import io.sockudo.adapter.cluster.PresenceJoined;
import io.sockudo.adapter.cluster.PresenceLeft;
import io.sockudo.adapter.cluster.Query;
import io.sockudo.adapter.cluster.RequestType;
import io.sockudo.protocol.PresenceMember;
import io.sockudo.protocol.ServerFrames;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

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
 * </ul>
 *
 * <p>What arrives from other nodes is handled by {@link ClusterInbox} on the backbone's thread,
 * which only hands work to the shards.
 */
public final class HorizontalAdapter implements Adapter, AutoCloseable {

    private final LocalAdapter local;
    private final Backbone backbone;
    private final ClusterInbox inbox;

    /**
     * @param onOrphans told, on the node that cleans up after a dead peer, which of its members left
     *                  the cluster with it (for webhooks); runs on the backbone's thread and must not block
     */
    public HorizontalAdapter(LocalAdapter local, Backbone backbone, Consumer<List<OrphanMember>> onOrphans) {
        this.local = local;
        this.backbone = backbone;
        this.inbox = new ClusterInbox(local, backbone, onOrphans);
    }

    public HorizontalAdapter(LocalAdapter local, Backbone backbone) {
        this(local, backbone, orphans -> { });
    }

    /** A presence member that left the cluster with its dead node, and is in the channel nowhere else. */
    public record OrphanMember(String appId, String channel, String userId, String userIdJson) {
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
        backbone.close();
    }

    // ------------------------------------------------------------------ delivery

    /**
     * App events (API and client events) go to every node. Protocol frames are facts about this
     * node (its subscription count), so they stay here rather than tell other nodes' subscribers
     * a count that is not theirs.
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

    /** Completes when every live node has closed the user's connections, or after the request timeout. */
    @Override
    public CompletableFuture<Void> terminateUserConnections(String appId, String userId) {
        CompletableFuture<Void> mine = local.terminateUserConnections(appId, userId);
        CompletableFuture<Aggregate> others = backbone.request(
                Query.user(RequestType.TERMINATE_USER_CONNECTIONS, appId, null, userId));
        return mine.thenCombine(others, (a, b) -> null);
    }
}
