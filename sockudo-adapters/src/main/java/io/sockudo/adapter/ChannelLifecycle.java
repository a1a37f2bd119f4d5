package io.sockudo.adapter;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.broadcast.Publication;
import io.sockudo.adapter.hooks.WebhookSink;
import io.sockudo.protocol.ServerFrames;
import io.sockudo.protocol.WebhookEvent;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The side effects of channels filling and emptying: occupancy and membership webhooks, and
 * {@code subscription_count} updates.
 *
 * <p>Like Pusher, {@code channel_vacated} and {@code member_removed} wait a few seconds
 * ({@link EngineOptions#webhookDebounce()}): a page reload that leaves and rejoins within that time
 * produces no webhooks at all, and a vacated webhook is only ever sent for a channel that is
 * still empty. Each pending removal is a token in a map; whichever of "timer fired" and "came
 * back" removes the token first decides, so exactly one of them acts.
 *
 * <p>Subscription counts are coalesced per channel: a burst of joins produces one update, and a
 * channel with many subscribers gets at most one update per
 * {@link EngineOptions#subscriptionCountInterval()}, so mass joins do not cost N² frames.
 */
final class ChannelLifecycle {

    /** Channels this size or more are throttled to one count update per interval. */
    static final int BUSY_CHANNEL = 100;

    private final Adapter adapter;
    private final EngineClock clock;
    private final WebhookSink webhooks;
    private final ScheduledExecutorService timer;
    private final EngineOptions options;
    private final ConcurrentHashMap<String, PendingRemoval> pendingRemovals = new ConcurrentHashMap<>();
    private final ConcurrentHashMap.KeySetView<String, Boolean> pendingCounts = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Long> lastCountSent = new ConcurrentHashMap<>();

    ChannelLifecycle(Adapter adapter, WebhookSink webhooks, ScheduledExecutorService timer, EngineOptions options) {
        this.adapter = adapter;
        this.clock = options.clock();
        this.webhooks = webhooks;
        this.timer = timer;
        this.options = options;
    }

    void occupied(App app, String channel) {
        if (app.wantsWebhook(WebhookEvent.CHANNEL_OCCUPIED) || app.wantsWebhook(WebhookEvent.CHANNEL_VACATED)) {
            arrived(app, vacancyKey(app, channel), WebhookEvent.channelOccupied(channel));
        }
    }

    void vacated(App app, String channel) {
        if (app.wantsWebhook(WebhookEvent.CHANNEL_OCCUPIED) || app.wantsWebhook(WebhookEvent.CHANNEL_VACATED)) {
            departed(app, vacancyKey(app, channel), WebhookEvent.channelVacated(channel));
        }
    }

    void memberAdded(App app, String channel, String userId, String userIdJson) {
        if (app.wantsWebhook(WebhookEvent.MEMBER_ADDED) || app.wantsWebhook(WebhookEvent.MEMBER_REMOVED)) {
            arrived(app, memberKey(app, channel, userId), WebhookEvent.memberAdded(channel, userIdJson));
        }
    }

    void memberRemoved(App app, String channel, String userId, String userIdJson) {
        if (app.wantsWebhook(WebhookEvent.MEMBER_ADDED) || app.wantsWebhook(WebhookEvent.MEMBER_REMOVED)) {
            departed(app, memberKey(app, channel, userId), WebhookEvent.memberRemoved(channel, userIdJson));
        }
    }

    /** A removal waiting to be announced; the map entry is the token, the timer only acts if it still holds it. */
    private static final class PendingRemoval {
        final App app;
        final WebhookEvent event;
        volatile ScheduledFuture<?> timer;

        PendingRemoval(App app, WebhookEvent event) {
            this.app = app;
            this.event = event;
        }

        void cancel() {
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
        }
    }

    private void arrived(App app, String key, WebhookEvent event) {
        PendingRemoval pending = pendingRemovals.remove(key);
        if (pending != null) {
            // back before the removal was announced: the receiver never saw it leave
            pending.cancel();
            return;
        }
        emit(app, event);
    }

    private void departed(App app, String key, WebhookEvent event) {
        PendingRemoval token = new PendingRemoval(app, event);
        PendingRemoval previous = pendingRemovals.put(key, token);
        if (previous != null) {
            previous.cancel();
        }
        token.timer = timer.schedule(() -> {
            if (pendingRemovals.remove(key, token)) {
                emit(app, event);
            }
        }, options.webhookDebounce().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Announces every removal still waiting for its debounce, at once: on shutdown the server
     * will not be there when the timers fire, and receivers must still learn that channels
     * emptied and members left.
     */
    void flushPendingRemovals() {
        for (String key : pendingRemovals.keySet()) {
            PendingRemoval p = pendingRemovals.remove(key);
            if (p != null) {
                p.cancel();
                emit(p.app, p.event);
            }
        }
    }

    private void emit(App app, WebhookEvent event) {
        if (app.wantsWebhook(event.name())) {
            webhooks.emit(app, event);
        }
    }

    /** The subscription count of a non-presence channel changed. */
    void countChanged(App app, AppState state, String channel) {
        boolean events = app.enableSubscriptionCount();
        boolean hook = app.wantsWebhook(WebhookEvent.SUBSCRIPTION_COUNT);
        if (!events && !hook) {
            return;
        }
        String key = vacancyKey(app, channel);
        if (!pendingCounts.add(key)) {
            return;
        }
        Channel ch = state.channels().get(channel);
        long delay = 0;
        if (ch != null && ch.subscriptionCount() >= BUSY_CHANNEL) {
            Long last = lastCountSent.get(key);
            long sinceLast = last == null ? Long.MAX_VALUE : clock.nanoTime() - last;
            long interval = options.subscriptionCountInterval().toNanos();
            delay = sinceLast >= interval ? 0 : interval - sinceLast;
        }
        timer.schedule(() -> flushCount(app, channel, key, events, hook), delay, TimeUnit.NANOSECONDS);
    }

    private void flushCount(App app, String channel, String key, boolean events, boolean hook) {
        pendingCounts.remove(key);
        adapter.channelSocketsCount(app.id(), channel).thenAccept(count -> {
            if (count == 0) {
                lastCountSent.remove(key);
            } else {
                lastCountSent.put(key, clock.nanoTime());
            }
            if (events && count > 0) {
                adapter.broadcast(app.id(), Publication.of(channel, ServerFrames.subscriptionCount(channel, count), null));
            }
            if (hook) {
                webhooks.emit(app, WebhookEvent.subscriptionCount(channel, count));
            }
        });
    }

    private static String vacancyKey(App app, String channel) {
        return app.id() + '\u0000' + channel;
    }

    private static String memberKey(App app, String channel, String userId) {
        return app.id() + '\u0000' + channel + '\u0000' + userId;
    }
}
