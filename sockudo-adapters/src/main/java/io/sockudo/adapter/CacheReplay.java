package io.sockudo.adapter;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.hooks.CachedEvent;
import io.sockudo.protocol.ServerFrames;
import io.sockudo.protocol.WebhookEvent;
import java.util.concurrent.CompletableFuture;

/**
 * Cache channels: a new subscriber gets the channel's last event, or {@code pusher:cache_miss}
 * (and the {@code cache_miss} webhook), right after {@code subscription_succeeded}. A miss in a
 * cache of this node's own, in a cluster, is first asked of the peers (see
 * {@link Adapter#peersCachedEvent}): a node that joined after the event was published has not
 * seen it.
 */
final class CacheReplay {

    private final EngineContext ctx;

    CacheReplay(EngineContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Replays inline when the cache has answered already (the memory cache always has),
     * otherwise on the subscriber's shard as soon as it answers.
     */
    void replay(Session c, App app, String channel) {
        CompletableFuture<byte[]> lookup = ctx.cache().get(app.id(), channel);
        if (lookup.isDone() && !lookup.isCompletedExceptionally()) {
            found(c, app, channel, lookup.join());
        } else {
            lookup.whenComplete((cached, error) -> c.shard().execute(() -> found(c, app, channel, cached)));
        }
    }

    private void found(Session c, App app, String channel, byte[] cached) {
        if (cached != null) {
            send(c, app, channel, cached);
            return;
        }
        CompletableFuture<CachedEvent> peers = ctx.adapter().peersCachedEvent(app.id(), channel);
        if (peers.isDone() && !peers.isCompletedExceptionally()) {
            fromPeers(c, app, channel, peers.join());
        } else {
            peers.whenComplete((event, error) -> c.shard().execute(() -> fromPeers(c, app, channel, event)));
        }
    }

    /**
     * Keeps what a peer had for the time it has left. An event that reached this node while the
     * peers were asked is newer and stays.
     */
    private void fromPeers(Session c, App app, String channel, CachedEvent event) {
        byte[] frame = event == null ? null : event.frame();
        if (frame != null) {
            byte[] meanwhile = ctx.cache().get(app.id(), channel).getNow(null);
            if (meanwhile != null) {
                frame = meanwhile;
            } else {
                ctx.cache().put(app.id(), channel, frame, event.ttl());
            }
        }
        send(c, app, channel, frame);
    }

    private void send(Session c, App app, String channel, byte[] cached) {
        if (c.subscription(channel) == null) {
            return;
        }
        if (cached != null) {
            ctx.send(c, cached);
        } else {
            ctx.send(c, ServerFrames.cacheMiss(channel));
            if (app.wantsWebhook(WebhookEvent.CACHE_MISS)) {
                ctx.webhooks().emit(app, WebhookEvent.cacheMiss(channel));
            }
        }
    }
}
