package io.sockudo.adapter;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.broadcast.Publication;
import io.sockudo.adapter.cluster.NodeCount;
import io.sockudo.adapter.hooks.WebhookSink;
import io.sockudo.protocol.ChannelKind;
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
 * <p>In a cluster, occupancy is the cluster's: a channel is occupied while any node has a
 * subscriber ({@link ClusterFlags}, over the counts the nodes announce). Every node follows
 * every channel's occupancy and keeps the same debounce tokens, but only the node that
 * {@linkplain Adapter#speaksFor speaks for} the channel sends its webhooks, decided when a webhook
 * is due. So two nodes vacating a channel at once still produce one {@code channel_vacated}, 3 s
 * after the cluster's count reached zero and only if it still is; and when the speaking node
 * dies, the next one already holds the pending token and sends it.
 *
 * <p>Presence members are the cluster's the same way: every node is told of every cluster-wide
 * member change (its own by {@link Presence}, the others' by {@link MemberChanges}) and keeps
 * the same {@code member_removed} tokens, and the speaking node sends {@code member_added} and
 * {@code member_removed}. A user who leaves on one node and comes back on another within the
 * debounce therefore produces no webhook at all, and a real leave one {@code member_removed}.
 *
 * <p>Subscription counts are the cluster's too, coalesced per channel: a burst of joins produces
 * one update, and a channel with many subscribers gets at most one update per
 * {@link EngineOptions#subscriptionCountInterval()}, so mass joins do not cost N² frames. Each
 * node tells its own subscribers; the webhook comes from the speaking node only.
 */
final class ChannelLifecycle {

    /** Channels this size or more are throttled to one count update per interval. */
    static final int BUSY_CHANNEL = 100;

    private final LocalAdapter local;
    private final Adapter adapter;
    private final EngineClock clock;
    private final WebhookSink webhooks;
    private final ScheduledExecutorService timer;
    private final EngineOptions options;
    private final ClusterFlags occupancy = new ClusterFlags();
    private final ConcurrentHashMap<String, PendingRemoval> pendingRemovals = new ConcurrentHashMap<>();
    private final ConcurrentHashMap.KeySetView<String, Boolean> pendingCounts = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Long> lastCountSent = new ConcurrentHashMap<>();

    ChannelLifecycle(LocalAdapter local, Adapter adapter, WebhookSink webhooks, ScheduledExecutorService timer,
                     EngineOptions options) {
        this.local = local;
        this.adapter = adapter;
        this.clock = options.clock();
        this.webhooks = webhooks;
        this.timer = timer;
        this.options = options;
    }

    /**
     * This node's subscribers of a channel changed in number: the other nodes learn it, when the
     * app has something that depends on the cluster's count.
     */
    void announce(App app, String channel) {
        if (app.enableSubscriptionCount() || app.wantsWebhook(WebhookEvent.SUBSCRIPTION_COUNT)
                || app.wantsWebhook(WebhookEvent.CHANNEL_OCCUPIED) || app.wantsWebhook(WebhookEvent.CHANNEL_VACATED)) {
            adapter.countChanged(socketsKey(app, channel));
        }
    }

    /** This node's first subscriber joined; inside the channel's registry lock. */
    void occupied(App app, String channel) {
        occupancyChanged(app, channel, true, true);
    }

    /** This node's last subscriber left; inside the channel's registry lock. */
    void vacated(App app, String channel) {
        occupancyChanged(app, channel, true, false);
    }

    /** Another node's subscribers of the channel changed in number. */
    void othersChanged(App app, String channel) {
        occupancyChanged(app, channel, false, false);
        if (!ChannelKind.of(channel).isPresence()) {
            countChanged(app, channel);
        }
    }

    private void occupancyChanged(App app, String channel, boolean here, boolean held) {
        if (!app.wantsWebhook(WebhookEvent.CHANNEL_OCCUPIED) && !app.wantsWebhook(WebhookEvent.CHANNEL_VACATED)) {
            return;
        }
        String key = vacancyKey(app, channel);
        NodeCount.Key count = socketsKey(app, channel);
        ClusterFlags.OnChange onChange = began -> {
            if (began) {
                arrived(app, key, WebhookEvent.channelOccupied(channel), channel);
            } else {
                departed(app, key, WebhookEvent.channelVacated(channel), channel);
            }
        };
        if (here) {
            occupancy.here(key, held, () -> local.othersCount(count) > 0, onChange);
        } else {
            occupancy.elsewhere(key, () -> local.othersCount(count) > 0, onChange);
        }
    }

    /** A user joined the channel cluster-wide, on this node or another (every node is told). */
    void memberAdded(App app, String channel, String userId, String userIdJson) {
        if (app.wantsWebhook(WebhookEvent.MEMBER_ADDED) || app.wantsWebhook(WebhookEvent.MEMBER_REMOVED)) {
            arrived(app, memberKey(app, channel, userId), WebhookEvent.memberAdded(channel, userIdJson), channel);
        }
    }

    /** A user left the channel cluster-wide, on this node or another (every node is told). */
    void memberRemoved(App app, String channel, String userId, String userIdJson) {
        if (app.wantsWebhook(WebhookEvent.MEMBER_ADDED) || app.wantsWebhook(WebhookEvent.MEMBER_REMOVED)) {
            departed(app, memberKey(app, channel, userId), WebhookEvent.memberRemoved(channel, userIdJson), channel);
        }
    }

    /**
     * A removal waiting to be announced; the map entry is the token, the timer only acts if it
     * still holds it. Only the node that speaks for the channel sends it.
     */
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

    private void arrived(App app, String key, WebhookEvent event, String channel) {
        PendingRemoval pending = pendingRemovals.remove(key);
        if (pending != null) {
            // back before the removal was announced: the receiver never saw it leave
            pending.cancel();
            return;
        }
        if (adapter.speaksFor(app.id(), channel)) {
            emit(app, event);
        }
    }

    private void departed(App app, String key, WebhookEvent event, String channel) {
        PendingRemoval token = new PendingRemoval(app, event);
        PendingRemoval previous = pendingRemovals.put(key, token);
        if (previous != null) {
            previous.cancel();
        }
        token.timer = timer.schedule(() -> {
            if (pendingRemovals.remove(key, token)
                    && adapter.speaksFor(app.id(), channel)) {
                emit(app, event);
            }
        }, options.webhookDebounce().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Announces every removal still waiting for its debounce, at once: on shutdown the server
     * will not be there when the timers fire, and receivers must still learn that channels
     * emptied and members left. In a cluster they are left to the nodes that stay, which hold
     * the same tokens, unless this node was alone.
     */
    void flushPendingRemovals() {
        boolean alone = adapter.alone();
        for (String key : pendingRemovals.keySet()) {
            PendingRemoval p = pendingRemovals.remove(key);
            if (p != null) {
                p.cancel();
                if (alone) {
                    emit(p.app, p.event);
                }
            }
        }
    }

    private void emit(App app, WebhookEvent event) {
        if (app.wantsWebhook(event.name())) {
            webhooks.emit(app, event);
        }
    }

    /** The subscription count of a non-presence channel changed, here or on another node. */
    void countChanged(App app, String channel) {
        boolean events = app.enableSubscriptionCount() && local.localCount(socketsKey(app, channel)) > 0;
        boolean hook = app.wantsWebhook(WebhookEvent.SUBSCRIPTION_COUNT);
        if (!events && !hook) {
            return;
        }
        String key = vacancyKey(app, channel);
        if (!pendingCounts.add(key)) {
            return;
        }
        long delay = 0;
        if (clusterCount(app, channel) >= BUSY_CHANNEL) {
            Long last = lastCountSent.get(key);
            long sinceLast = last == null ? Long.MAX_VALUE : clock.nanoTime() - last;
            long interval = options.subscriptionCountInterval().toNanos();
            delay = sinceLast >= interval ? 0 : interval - sinceLast;
        }
        timer.schedule(() -> flushCount(app, channel, key), delay, TimeUnit.NANOSECONDS);
    }

    /**
     * Reads the cluster's count when the update is due: this node's subscribers hear it, and the
     * speaking node sends the webhook, so each change reaches the app once, not once per node.
     */
    private void flushCount(App app, String channel, String key) {
        pendingCounts.remove(key);
        int count = clusterCount(app, channel);
        if (count == 0) {
            lastCountSent.remove(key);
        } else {
            lastCountSent.put(key, clock.nanoTime());
        }
        // the webhook first: a subscriber who hears the count knows this node has decided on it
        if (app.wantsWebhook(WebhookEvent.SUBSCRIPTION_COUNT) && adapter.speaksFor(app.id(), channel)) {
            webhooks.emit(app, WebhookEvent.subscriptionCount(channel, count));
        }
        if (app.enableSubscriptionCount() && count > 0) {
            adapter.broadcast(app.id(), Publication.of(channel, ServerFrames.subscriptionCount(channel, count), null));
        }
    }

    /** This node's subscribers plus those the other nodes last announced. */
    private int clusterCount(App app, String channel) {
        NodeCount.Key k = socketsKey(app, channel);
        return (int) (local.localCount(k) + local.othersCount(k));
    }

    private static NodeCount.Key socketsKey(App app, String channel) {
        return new NodeCount.Key(NodeCount.Kind.CHANNEL_SOCKETS, app.id(), channel);
    }

    private static String vacancyKey(App app, String channel) {
        return app.id() + '\u0000' + channel;
    }

    private static String memberKey(App app, String channel, String userId) {
        return app.id() + '\u0000' + channel + '\u0000' + userId;
    }
}
