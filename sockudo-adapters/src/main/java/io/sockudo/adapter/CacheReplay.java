package io.sockudo.adapter;

import io.sockudo.adapter.app.App;
import io.sockudo.protocol.ServerFrames;
import io.sockudo.protocol.WebhookEvent;
import java.util.concurrent.CompletableFuture;

/**
 * Cache channels: a new subscriber gets the channel's last event, or {@code pusher:cache_miss}
 * (and the {@code cache_miss} webhook), right after {@code subscription_succeeded}.
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
            send(c, app, channel, lookup.join());
        } else {
            lookup.whenComplete((cached, error) -> c.shard().execute(() -> send(c, app, channel, cached)));
        }
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
