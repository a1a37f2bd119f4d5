package io.sockudo.adapter;

import io.sockudo.adapter.broadcast.Publication;
import io.sockudo.adapter.cluster.Answer;
import io.sockudo.adapter.cluster.Backbone;
import io.sockudo.adapter.cluster.BackboneListener;
import io.sockudo.adapter.cluster.Broadcast;
import io.sockudo.adapter.cluster.Envelope;
import io.sockudo.adapter.cluster.NodeCount;
import io.sockudo.adapter.cluster.NodeCounts;
import io.sockudo.adapter.cluster.PresenceJoined;
import io.sockudo.adapter.cluster.PresenceLeft;
import io.sockudo.adapter.cluster.Query;
import io.sockudo.adapter.hooks.ChannelCache;
import io.sockudo.protocol.Json;
import io.sockudo.protocol.PresenceMember;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the other nodes of the cluster tell this one, on the backbone's thread: broadcasts are
 * handed to the shards, presence changes update the replicated registry and the rosters, queries
 * are answered from this node's own state, and peers that come and go are told this node's
 * members or forgotten. Nothing here blocks.
 */
final class ClusterInbox implements BackboneListener {

    private static final System.Logger LOG = System.getLogger(ClusterInbox.class.getName());

    private final LocalAdapter local;
    private final Backbone backbone;
    private final PresenceResync resync;
    private final CountAnnouncer counts;
    /** This node's own cache when it is not shared, else null: nothing to store. */
    private final ChannelCache ownCache;

    ClusterInbox(LocalAdapter local, Backbone backbone, CountAnnouncer counts, ChannelCache ownCache) {
        this.local = local;
        this.ownCache = ownCache;
        this.backbone = backbone;
        this.counts = counts;
        this.resync = new PresenceResync(local, backbone);
    }

    @Override
    public void onMessage(Envelope envelope) {
        String from = envelope.nodeId();
        if (envelope.message() instanceof Broadcast b) {
            try {
                Publication p = ClusterPublications.toPublication(b);
                if (ownCache != null && p.cacheTtlMs() > 0) {
                    // the publishing node kept it as the channel's last event, so does this one; before
                    // delivery, so that whoever has seen the event finds it replayed on any node
                    ownCache.put(b.appId(), b.channel(), p.payload(), Duration.ofMillis(p.cacheTtlMs()));
                }
                local.broadcast(b.appId(), p);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "dropped an unreadable broadcast from node " + from + " on " + b.channel(), e);
            }
        } else if (envelope.message() instanceof PresenceJoined p) {
            String info = p.userInfo() == null ? "{}" : p.userInfo();
            resync.confirmed(from, p.appId(), p.channel(), p.userId());
            local.clusterRosters().joined(from, p.appId(), p.channel(), new PresenceMember(p.userId(), Json.quote(p.userId()), info));
        } else if (envelope.message() instanceof PresenceLeft p) {
            resync.confirmed(from, p.appId(), p.channel(), p.userId());
            local.clusterRosters().left(from, p.appId(), p.channel(), p.userId());
        } else if (envelope.message() instanceof NodeCount n) {
            local.remoteCounts().set(from, n);
        } else if (envelope.message() instanceof NodeCounts all) {
            local.remoteCounts().replace(from, all.counts());
        }
    }

    @Override
    public CompletionStage<Answer> onQuery(String fromNode, Query q) {
        String app = q.appId();
        return switch (q.type()) {
            case CHANNEL_SOCKETS_COUNT -> local.channelSocketsCount(app, q.channel()).thenApply(n -> Answer.socketsCount(app, n));
            case SOCKETS_COUNT -> local.socketsCount(app).thenApply(n -> Answer.socketsCount(app, n));
            case CHANNEL_SOCKETS -> local.channelSockets(app, q.channel()).thenApply(ids ->
                    new Answer(app, Map.of(), Map.of(), List.copyOf(ids), ids.size(), false, List.of(), 0));
            case CHANNELS_WITH_SOCKETS_COUNT -> local.channelsWithSocketsCount(app, null).thenApply(counts -> {
                Map<String, Long> out = new LinkedHashMap<>();
                counts.forEach((c, n) -> out.put(c, n.longValue()));
                return Answer.channelsWithSocketsCount(app, out);
            });
            case PRESENCE_RESYNC -> CompletableFuture.completedFuture(resync.asked(fromNode));
            case PRESENCE_RESYNC_DONE -> CompletableFuture.completedFuture(resync.done(fromNode));
            case CACHED_EVENT -> ownCache == null ? CompletableFuture.completedFuture(Answer.empty(app))
                    : ownCache.entry(app, q.channel()).thenApply(e -> e == null ? Answer.empty(app)
                            : Answer.cachedEvent(app, new String(e.frame(), StandardCharsets.UTF_8), e.ttl().toMillis()));
            case TERMINATE_USER_CONNECTIONS -> local.terminateUserConnections(app, q.userId()).thenApply(x -> Answer.empty(app));
            default -> CompletableFuture.completedFuture(Answer.empty(app));
        };
    }

    /** A node that joins (or comes back) learns this node's members from it directly. */
    @Override
    public void onPeerUp(String nodeId) {
        local.clusterRosters().forEachLocalMember(m -> backbone.send(nodeId, joined(m)));
        counts.tell(nodeId);
    }

    /**
     * Every node forgets a dead peer's members and tells its own subscribers; the members that
     * left the cluster with it reach webhooks through {@link MemberChanges}, from the node that
     * speaks for each channel, with the same debounce as a member who leaves.
     */
    @Override
    public void onPeerDead(String nodeId) {
        resync.forget(nodeId);
        local.remoteCounts().forget(nodeId);
        local.clusterRosters().nodeGone(nodeId);
    }

    /** After an outage presence changes were lost both ways: see {@link PresenceResync}. */
    @Override
    public void onBackboneUp() {
        resync.begin();
        counts.repeatAll();
    }

    private PresenceJoined joined(ClusterRosters.NodeMember m) {
        return new PresenceJoined(m.appId(), m.channel(), backbone.nodeId(), m.member().userId(), m.member().userInfo());
    }
}
