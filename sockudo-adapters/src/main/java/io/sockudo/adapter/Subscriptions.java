package io.sockudo.adapter;

import io.sockudo.adapter.app.App;
import io.sockudo.protocol.ChannelAuth;
import io.sockudo.protocol.ChannelKind;
import io.sockudo.protocol.ChannelNames;
import io.sockudo.protocol.DeltaRequest;
import io.sockudo.protocol.PresenceMember;
import io.sockudo.protocol.ProtocolException;
import io.sockudo.protocol.PusherError;
import io.sockudo.protocol.ServerFrames;
import io.sockudo.protocol.SubscribeRequest;
import io.sockudo.protocol.filter.FilterException;
import io.sockudo.protocol.filter.TagFilter;

/**
 * {@code pusher:subscribe} and {@code pusher:unsubscribe}: the checks in Pusher's order (name,
 * {@code #server-to-user} ownership, signature, presence data, filter, delta setting, the
 * socket's channel cap), joining the channel, and the consequences of joining and leaving
 * (occupancy, counts, presence, cache replay). A refused subscription is answered on its channel
 * and the connection stays up.
 */
final class Subscriptions {

    private final EngineContext ctx;
    private final Presence presence;
    private final DeltaNegotiation delta;
    private final CacheReplay cache;

    Subscriptions(EngineContext ctx, Presence presence, DeltaNegotiation delta, CacheReplay cache) {
        this.ctx = ctx;
        this.presence = presence;
        this.delta = delta;
        this.cache = cache;
    }

    void subscribe(Session c, SubscribeRequest req) {
        String name = req.channel();
        try {
            join(c, req);
        } catch (Refusal r) {
            refuse(c, name, r);
        }
    }

    /** What a subscriber asked for, once every check passed. */
    private record Request(ChannelKind kind, PresenceMember member, TagFilter filter, DeltaRequest delta) {

        Subscription.DeltaMode deltaMode() {
            return delta == null ? Subscription.DeltaMode.DEFAULT
                    : Boolean.FALSE.equals(delta.enabled()) ? Subscription.DeltaMode.OFF : Subscription.DeltaMode.ON;
        }
    }

    private void join(Session c, SubscribeRequest req) {
        App app = c.app();
        String name = req.channel();
        Request r = check(c, app, req);
        Subscription existing = c.subscription(name);
        if (existing != null) {
            resendSucceeded(c, existing);
            return;
        }
        int maxChannels = ctx.options().maxChannelsPerConnection();
        if (maxChannels > 0 && c.subscriptionCount() >= maxChannels) {
            throw new Refusal(Refusal.Kind.CHANNEL_LIMIT, new PusherError(PusherError.OVER_CAPACITY,
                    "A connection may be subscribed to at most " + maxChannels + " channels"));
        }
        AppState state = ctx.local().state(app.id());
        // occupancy is announced inside the registry's per-channel lock, so that announcements of
        // one channel follow its real history even when joins and leaves race on other shards
        Channel channel = state.channels().join(name, () -> ctx.lifecycle().occupied(app, name)).channel();
        String algorithm = r.delta() == null ? null : r.delta().algorithm();
        Subscription sub;
        if (r.member() != null) {
            sub = new Subscription(c, channel, r.member(), Long.MAX_VALUE, r.filter(), r.deltaMode(), algorithm);
            PresenceRoster.Join join = presence.join(c, app, sub);
            if (join == null) {
                state.channels().leave(channel, () -> ctx.lifecycle().vacated(app, name));
                throw Presence.full(app, name);
            }
            c.addSubscription(sub);
            ctx.send(c, ServerFrames.presenceSubscriptionSucceeded(name, join.members()));
        } else {
            sub = new Subscription(c, channel, null, 0, r.filter(), r.deltaMode(), algorithm);
            c.addSubscription(sub);
            channel.attach(c.shard().index(), sub);
            ctx.send(c, ServerFrames.subscriptionSucceeded(name));
            ctx.lifecycle().countChanged(app, name);
        }
        ctx.lifecycle().announce(app, name);
        ctx.stats().subscriptions.increment();
        ctx.stats().app(app).subscribed(name);
        delta.apply(c, sub);
        if (r.delta() != null) {
            delta.confirm(c, sub);
        }
        if (r.kind().requiresAuth()) {
            c.authorize();
        }
        if (r.kind().isCache()) {
            cache.replay(c, app, name);
        }
    }

    /** The checks of a subscribe, in order; throws the first refusal. */
    private Request check(Session c, App app, SubscribeRequest req) {
        String name = req.channel();
        String invalid = ChannelNames.validate(name, app.maxChannelNameLength());
        if (invalid != null) {
            throw new Refusal(Refusal.Kind.INVALID_CHANNEL, PusherError.channelError(invalid));
        }
        ChannelKind kind = ChannelKind.of(name);
        if (kind == ChannelKind.SERVER_TO_USER && !ChannelNames.serverToUserId(name).equals(c.userId())) {
            throw new Refusal(Refusal.Kind.AUTH, PusherError.unauthorized(
                    "#server-to-user channels are for the connection signed in as that user"));
        }
        if (kind.requiresAuth()) {
            String error = ChannelAuth.verifyChannel(app.key(), app.secret(), c.socketId().toString(), name,
                    kind.isPresence() ? req.channelData() : null, req.auth());
            if (error != null) {
                throw new Refusal(Refusal.Kind.AUTH, PusherError.unauthorized(error));
            }
        }
        PresenceMember member = kind.isPresence() ? presence.member(app, req.channelData()) : null;
        return new Request(kind, member, filter(req), deltaRequest(req));
    }

    private TagFilter filter(SubscribeRequest req) {
        if (req.filter() == null) {
            return null;
        }
        if (!ctx.options().tagFiltering().enabled()) {
            throw new Refusal(Refusal.Kind.INVALID_FILTER,
                    new PusherError(PusherError.INVALID_MESSAGE, "Tag filtering is disabled on this server"));
        }
        try {
            return TagFilter.parse(req.filter().json());
        } catch (FilterException e) {
            throw new Refusal(Refusal.Kind.INVALID_FILTER,
                    new PusherError(PusherError.INVALID_MESSAGE, "Invalid tag filter (" + e.getMessage() + ")"));
        }
    }

    private static DeltaRequest deltaRequest(SubscribeRequest req) {
        try {
            return req.delta() == null ? null : DeltaRequest.ofSubscription(req.delta());
        } catch (ProtocolException e) {
            throw new Refusal(Refusal.Kind.INVALID_DELTA, e.error());
        }
    }

    private void resendSucceeded(Session c, Subscription s) {
        Channel ch = s.channel();
        if (ch.roster() != null) {
            ctx.send(c, ServerFrames.presenceSubscriptionSucceeded(ch.name(), ch.roster().snapshot()));
        } else {
            ctx.send(c, ServerFrames.subscriptionSucceeded(ch.name()));
        }
    }

    /**
     * Reports a refused subscription twice: on the channel as {@code pusher:subscription_error}
     * (what apps bind to), and as the connection-level {@code pusher:error} Pusher sends. The
     * connection stays up for its other channels.
     */
    private void refuse(Session c, String channel, Refusal r) {
        ctx.stats().subscriptionRefusals.increment();
        ctx.send(c, ServerFrames.subscriptionError(channel == null ? "" : channel, r.kind().type, r.error().message(), r.kind().status));
        ctx.send(c, ServerFrames.error(r.error()));
    }

    void unsubscribe(Session c, String channel) {
        Subscription s = c.removeSubscription(channel);
        if (s != null) {
            ctx.stats().unsubscriptions.increment();
            ctx.stats().app(c.app()).unsubscribed(channel);
            leave(c, s);
        }
    }

    /** Takes one subscription out of its channel, with the presence and webhook consequences. */
    void leave(Session c, Subscription s) {
        App app = c.app();
        Channel channel = s.channel();
        String name = channel.name();
        channel.detach(c.shard().index(), s);
        delta.release(c, s);
        if (s.member() != null) {
            presence.leave(app, s);
        }
        AppState state = ctx.local().state(app.id());
        state.channels().leave(channel, () -> ctx.lifecycle().vacated(app, name));
        if (s.member() == null) {
            ctx.lifecycle().countChanged(app, name);
        }
        ctx.lifecycle().announce(app, name);
    }
}
