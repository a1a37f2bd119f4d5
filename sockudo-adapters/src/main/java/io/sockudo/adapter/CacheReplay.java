package io.sockudo.adapter;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.hooks.CachedEvent;
import io.sockudo.protocol.ServerFrames;
import io.sockudo.protocol.WebhookEvent;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

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
        whenAnswered(c, ctx.cache().get(app.id(), channel), cached -> found(c, app, channel, cached));
    }

    /**
     * Goes on at once with an answer already there, else on the session's own shard once it comes
     * (never on the thread that completes it); a failed lookup goes on as no answer.
     */
    private static <T> void whenAnswered(Session c, CompletableFuture<T> answer, Consumer<T> then) {
        if (answer.isDone() && !answer.isCompletedExceptionally()) {
            then.accept(answer.join());
        } else {
            answer.whenComplete((value, error) -> c.shard().execute(() -> then.accept(value)));
        }
    }

    private void found(Session c, App app, String channel, byte[] cached) {
        if (cached != null) {
            send(c, app, channel, cached);
            return;
        }
        whenAnswered(c, ctx.adapter().peersCachedEvent(app.id(), channel), event -> fromPeers(c, app, channel, event));
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
