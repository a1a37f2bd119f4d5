package io.sockudo.adapter.api;

import io.sockudo.adapter.Adapter;
import io.sockudo.adapter.EngineOptions;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.hooks.ChannelCache;
import io.sockudo.adapter.ratelimit.FixedWindowRateLimiter;
import io.sockudo.adapter.ratelimit.RateLimiter;
import io.sockudo.protocol.ApiEvent;
import io.sockudo.protocol.ChannelKind;
import io.sockudo.protocol.ServerFrames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Answers the HTTP API's questions about channels (which are occupied, how many subscribers and
 * users), through the {@link Adapter}, so that a cluster answers for all its nodes.
 *
 * <p>The synchronous answers wait for the adapter's; the single-node adapter has always answered
 * already. {@link #channel} is asynchronous because the cache may answer over the network.
 */
public final class ChannelInspector {

    private final Adapter adapter;
    private final ChannelCache cache;
    /** Queries per app and second ({@code max_read_requests_per_second}). */
    private final RateLimiter<String> readRequests;

    public ChannelInspector(Adapter adapter, ChannelCache cache, EngineOptions options) {
        this.adapter = adapter;
        this.cache = cache;
        this.readRequests = FixedWindowRateLimiter.perSecond(options.clock());
    }

    /** Counts a query against the app's {@code max_read_requests_per_second}; 429 when over. */
    public void admitRead(App app) {
        if (!readRequests.tryAcquire(app.id(), app.maxReadRequestsPerSecond()).allowed()) {
            throw ApiError.tooManyRequests("Over the app's limit of " + app.maxReadRequestsPerSecond() + " read requests per second");
        }
    }

    /** {@code GET /channels}: occupied channels, optionally by prefix, with the attributes {@code info} names. */
    public Map<String, ChannelStats> channels(App app, String prefix, String info) {
        boolean users = ApiEvent.wants(info, "user_count");
        boolean subscriptions = ApiEvent.wants(info, "subscription_count");
        if (users && (prefix == null || !prefix.startsWith("presence-"))) {
            throw ApiError.badRequest("user_count may only be requested for presence channels: add filter_by_prefix=presence-");
        }
        Map<String, ChannelStats> out = new TreeMap<>();
        adapter.channelsWithSocketsCount(app.id(), prefix).join().forEach((name, sockets) -> {
            int userCount = users && ChannelKind.of(name).isPresence() ? adapter.channelMembersCount(app.id(), name).join() : -1;
            out.put(name, new ChannelStats(subscriptions ? sockets : -1, userCount));
        });
        return out;
    }

    /**
     * What {@code GET /channels/{name}} reports.
     *
     * @param countComplete false when a node of the cluster did not answer the count in time, so
     *                      the count is of the nodes that did ({@code subscription_count_complete})
     */
    public record ChannelReport(boolean occupied, int subscriptionCount, int userCount, String cachedEvent, long cacheTtlSeconds,
                                boolean countComplete) {

        public ChannelReport(boolean occupied, int subscriptionCount, int userCount, String cachedEvent, long cacheTtlSeconds) {
            this(occupied, subscriptionCount, userCount, cachedEvent, cacheTtlSeconds, true);
        }
    }

    public CompletableFuture<ChannelReport> channel(App app, String name, String info) {
        boolean users = ApiEvent.wants(info, "user_count");
        boolean withCache = ApiEvent.wants(info, "cache");
        ChannelKind kind = ChannelKind.of(name);
        if (users && !kind.isPresence()) {
            throw ApiError.badRequest("user_count may only be requested for presence channels");
        }
        // never waits past the cluster's request timeout: the adapter then answers with what it has
        CompletableFuture<Adapter.Tally> sockets = adapter.channelSocketsTally(app.id(), name);
        CompletableFuture<Integer> members = users ? adapter.channelMembersCount(app.id(), name) : CompletableFuture.completedFuture(-1);
        CompletableFuture<ChannelReport> counts = sockets.thenCombine(members,
                (s, u) -> new ChannelReport(s.count() > 0, s.count(), u, null, -1, s.complete()));
        if (!withCache || !kind.isCache()) {
            return counts;
        }
        return counts.thenCompose(r -> cache.get(app.id(), name).thenCombine(cache.ttlSeconds(app.id(), name), (frame, ttl) ->
                new ChannelReport(r.occupied(), r.subscriptionCount(), r.userCount(),
                        frame == null ? null : new String(frame, StandardCharsets.UTF_8), frame == null ? -1 : ttl,
                        r.countComplete())));
    }

    /** {@code GET /channels/{name}/users}: the distinct users of a presence channel. */
    public List<String> users(App app, String name) {
        if (!ChannelKind.of(name).isPresence()) {
            throw ApiError.badRequest("Users can only be listed for presence channels");
        }
        return adapter.channelMembers(app.id(), name).join().stream().map(ServerFrames.Member::userId).toList();
    }

    /**
     * The attributes an event publish reports for one of its channels: sockets, and users of a
     * presence channel (-1 for a subscribed channel of another kind, 0 for an empty one).
     */
    static ChannelStats stats(Adapter adapter, String appId, String channel, boolean subscriptions, boolean users) {
        int sockets = adapter.channelSocketsCount(appId, channel).join();
        int subs = subscriptions ? sockets : -1;
        int userCount = -1;
        if (users && ChannelKind.of(channel).isPresence()) {
            userCount = adapter.channelMembersCount(appId, channel).join();
        } else if (users && sockets == 0) {
            userCount = 0;
        }
        return new ChannelStats(subs, userCount);
    }
}
