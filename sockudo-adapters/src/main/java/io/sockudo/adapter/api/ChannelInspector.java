package io.sockudo.adapter.api;

import io.sockudo.adapter.AppState;
import io.sockudo.adapter.LocalAdapter;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.channel.Channel;
import io.sockudo.adapter.hooks.ChannelCache;
import io.sockudo.protocol.ApiEvent;
import io.sockudo.protocol.ChannelKind;
import io.sockudo.protocol.ServerFrames;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** Answers the HTTP API's questions about channels: which are occupied, how many subscribers and users. */
public final class ChannelInspector {

    private final LocalAdapter adapter;
    private final ChannelCache cache;

    public ChannelInspector(LocalAdapter adapter, ChannelCache cache) {
        this.adapter = adapter;
        this.cache = cache;
    }

    /** Counts a query against the app's {@code max_read_requests_per_second}; 429 when over. */
    public void admitRead(App app) {
        if (!adapter.state(app.id()).readRequests().tryAcquire(1, app.maxReadRequestsPerSecond(), System.currentTimeMillis())) {
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
        AppState state = adapter.existingState(app.id());
        if (state == null) {
            return out;
        }
        for (Channel c : state.channels().list(prefix)) {
            out.put(c.name(), EventPublisher.stats(c, subscriptions, users));
        }
        return out;
    }

    /** What {@code GET /channels/{name}} reports. */
    public record ChannelReport(boolean occupied, int subscriptionCount, int userCount, String cachedEvent, long cacheTtlSeconds) {
    }

    public CompletableFuture<ChannelReport> channel(App app, String name, String info) {
        boolean users = ApiEvent.wants(info, "user_count");
        boolean withCache = ApiEvent.wants(info, "cache");
        ChannelKind kind = ChannelKind.of(name);
        if (users && !kind.isPresence()) {
            throw ApiError.badRequest("user_count may only be requested for presence channels");
        }
        Channel c = channel(app, name);
        int subscriptions = c == null ? 0 : c.subscriptionCount();
        int userCount = users ? (c == null ? 0 : c.roster().userCount()) : -1;
        if (!withCache || !kind.isCache()) {
            return CompletableFuture.completedFuture(new ChannelReport(subscriptions > 0, subscriptions, userCount, null, -1));
        }
        return cache.get(app.id(), name).thenCombine(cache.ttlSeconds(app.id(), name), (frame, ttl) ->
                new ChannelReport(subscriptions > 0, subscriptions, userCount,
                        frame == null ? null : new String(frame, java.nio.charset.StandardCharsets.UTF_8), frame == null ? -1 : ttl));
    }

    /** {@code GET /channels/{name}/users}: the distinct users of a presence channel. */
    public List<String> users(App app, String name) {
        if (!ChannelKind.of(name).isPresence()) {
            throw ApiError.badRequest("Users can only be listed for presence channels");
        }
        Channel c = channel(app, name);
        if (c == null) {
            return List.of();
        }
        return c.roster().snapshot().stream().map(ServerFrames.Member::userId).toList();
    }

    private Channel channel(App app, String name) {
        AppState state = adapter.existingState(app.id());
        return state == null ? null : state.channels().get(name);
    }
}
