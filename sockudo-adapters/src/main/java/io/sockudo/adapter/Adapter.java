package io.sockudo.adapter;

import io.sockudo.adapter.health.HealthCheck;
import io.sockudo.adapter.health.Health;
import io.sockudo.adapter.broadcast.Publication;
import io.sockudo.adapter.cluster.NodeCount;
import io.sockudo.adapter.hooks.CachedEvent;
import io.sockudo.protocol.PresenceMember;
import io.sockudo.protocol.ServerFrames;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Everything the engine does that concerns more than this node's own sockets: delivering to a
 * channel's subscribers, asking who is in a channel, counting, ending a user's connections, and
 * announcing presence changes. The connection handlers and the HTTP API go through this interface
 * and never around it, so a horizontal adapter (Redis, NATS) plugs in here without touching them.
 *
 * <p>Questions that other nodes would have to answer return futures; {@link LocalAdapter}, the
 * single-node implementation, answers them at once. The names follow sockudo's request types
 * ({@code ChannelMembers}, {@code ChannelSockets}, {@code ChannelSocketsCount},
 * {@code ChannelsWithSocketsCount}, {@code SocketsCount}, {@code TerminateUserConnections},
 * {@code PresenceMemberJoined}, {@code PresenceMemberLeft}).
 */
public interface Adapter extends HealthCheck {

    /**
     * Whether the adapter can reach the other nodes; the local adapter always can. Critical for
     * {@code /up}: a node cut off from its cluster would deliver to its own clients only.
     */
    @Override
    default CompletableFuture<Health> health() {
        return Health.okNow();
    }

    /**
     * A cache channel's last event as another node's own cache holds it, for a node whose cache
     * is its own and missed (a node that joined after the event was published): a future of null
     * when no peer has it with time left, or none answers in time. Never completes exceptionally.
     */
    default CompletableFuture<CachedEvent> peersCachedEvent(String appId, String channel) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Delivers a publication to every subscriber of its channel in the app, on every node, but
     * the socket it excludes. Never blocks; frames to one socket leave in publish order.
     */
    void broadcast(String appId, Publication publication);

    /** A user's first socket on this node joined a presence channel; other nodes learn the member. */
    void presenceMemberJoined(String appId, String channel, PresenceMember member);

    /** A user's last socket on this node left a presence channel; other nodes forget the member. */
    void presenceMemberLeft(String appId, String channel, String userId);

    /** Occupied channels whose name starts with {@code prefix} (all when null), with their subscribed sockets. */
    CompletableFuture<Map<String, Integer>> channelsWithSocketsCount(String appId, String prefix);

    /** Sockets subscribed to a channel. */
    CompletableFuture<Integer> channelSocketsCount(String appId, String channel);

    /** The ids of the sockets subscribed to a channel. */
    CompletableFuture<Set<String>> channelSockets(String appId, String channel);

    /** The distinct members of a presence channel, in the order they joined; empty for other channels. */
    CompletableFuture<List<ServerFrames.Member>> channelMembers(String appId, String channel);

    /** How many distinct users a presence channel has. */
    CompletableFuture<Integer> channelMembersCount(String appId, String channel);

    /** Open connections of the app. */
    CompletableFuture<Integer> socketsCount(String appId);

    /**
     * A socket-count query's answer with whether every node answered in time: the HTTP API
     * reports {@code subscription_count_complete: false} when one did not, as sockudo does.
     */
    default CompletableFuture<Tally> channelSocketsTally(String appId, String channel) {
        return channelSocketsCount(appId, channel).thenApply(n -> new Tally(n, true));
    }

    /** A count gathered from the nodes; {@code complete} is false when a node did not answer in time. */
    record Tally(int count, boolean complete) {
    }

    /**
     * One of this node's counts the cluster sums may have changed (its connections of an app,
     * its sockets in a channel, a user's connections on it): the other nodes learn the new
     * value shortly. Never blocks; nothing to do on a single node.
     */
    default void countChanged(NodeCount.Key key) {
    }

    /**
     * Whether this node speaks for the channel where the cluster must act once: its occupancy
     * and {@code subscription_count} webhooks. Always true on a single node.
     */
    default boolean speaksFor(String appId, String channel) {
        return true;
    }

    /**
     * Whether no other node is alive: what this node leaves undone when it stops, nobody will.
     * Always true on a single node.
     */
    default boolean alone() {
        return true;
    }

    /** Closes every connection of a signed-in user with 4009, as the HTTP API's {@code terminate_connections} asks. */
    CompletableFuture<Void> terminateUserConnections(String appId, String userId);
}
