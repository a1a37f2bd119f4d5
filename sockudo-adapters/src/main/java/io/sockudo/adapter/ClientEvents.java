package io.sockudo.adapter;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.broadcast.Publication;
import io.sockudo.adapter.ratelimit.FixedWindowRateLimiter;
import io.sockudo.adapter.ratelimit.RateLimiter;
import io.sockudo.protocol.ChannelKind;
import io.sockudo.protocol.ClientMessage;
import io.sockudo.protocol.PusherError;
import io.sockudo.protocol.ServerFrames;
import io.sockudo.protocol.WebhookEvent;
import io.sockudo.protocol.filter.Tags;

/**
 * {@code client-*} events: the app's limits (rate per socket, enabled, name length, payload), the
 * channel kinds that allow them, membership of the sender, then relay to the channel's other
 * subscribers and the {@code client_event} webhook. A refused event is answered with
 * {@code pusher:error} 4301 naming the channel, so pusher-js hands it to that channel's bindings.
 */
final class ClientEvents {

    private final EngineContext ctx;
    /** Client events per socket and second ({@code max_client_events_per_second}); counts every event, refused ones too. */
    private final RateLimiter<Session> perSocket;

    ClientEvents(EngineContext ctx) {
        this.ctx = ctx;
        this.perSocket = FixedWindowRateLimiter.perSecond(ctx.clock());
    }

    void relay(Session c, ClientMessage m) {
        App app = c.app();
        String channel = m.channel();
        String refused = refusal(c, app, m);
        if (refused != null) {
            ctx.stats().clientEventRefusals.increment();
            ctx.send(c, ServerFrames.error(PusherError.clientEventRejected(refused), channel));
            return;
        }
        Subscription s = c.subscription(channel);
        ctx.stats().clientEvents.increment();
        String userIdJson = s.member() == null ? null : s.member().userIdJson();
        byte[] payload = ServerFrames.clientEvent(m.event(), channel, m.data(), userIdJson);
        ctx.adapter().broadcast(app.id(), Publication.event(channel, m.event(), payload, c.socketId(), Tags.EMPTY, null));
        if (app.wantsWebhook(WebhookEvent.CLIENT_EVENT)) {
            String data = m.data() == null ? null : m.data().isString() ? m.data().stringValue() : m.data().json();
            ctx.webhooks().emit(app, WebhookEvent.clientEvent(channel, m.event(), data, c.socketId().toString(), userIdJson));
        }
    }

    /** Why the event is refused, in Pusher's order of checks; null when it may be relayed. */
    private String refusal(Session c, App app, ClientMessage m) {
        AppStats stats = ctx.stats().app(app);
        stats.clientEventRateChecks.increment();
        if (!perSocket.tryAcquire(c, app.maxClientEventsPerSecond()).allowed()) {
            stats.clientEventRateLimited.increment();
            return "Client event rejected due to rate limit (" + app.maxClientEventsPerSecond() + " per second)";
        }
        if (!app.enableClientMessages()) {
            return "The app does not have client messaging enabled";
        }
        if (m.event().length() > app.maxEventNameLength()) {
            return "Event name is too long: " + m.event().length() + " characters, the limit is " + app.maxEventNameLength();
        }
        String channel = m.channel();
        if (channel == null) {
            return "Client events require a channel";
        }
        ChannelKind kind = ChannelKind.of(channel);
        if (!kind.allowsClientEvents()) {
            return kind.isEncrypted()
                    ? "Client events are not supported on encrypted channels"
                    : "Client events are only allowed on private and presence channels";
        }
        int payload = m.data() == null ? 0 : m.data().length();
        int limit = app.maxEventPayloadBytes();
        if (limit > 0 && payload > limit) {
            return "Event payload is " + payload + " bytes, the limit is " + limit;
        }
        if (c.subscription(channel) == null) {
            return "The client is not a member of channel " + channel;
        }
        return null;
    }

    /** The socket is gone: its budget is dropped now rather than at the next sweep. */
    void closed(Session c) {
        perSocket.forget(c);
    }
}
