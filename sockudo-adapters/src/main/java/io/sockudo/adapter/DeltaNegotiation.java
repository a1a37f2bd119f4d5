package io.sockudo.adapter;

import io.sockudo.adapter.delta.ChannelSettings;
import io.sockudo.adapter.delta.DeltaSettings;
import io.sockudo.protocol.ChannelKind;
import io.sockudo.protocol.DeltaFrames;
import io.sockudo.protocol.DeltaRequest;
import java.util.List;

/**
 * Which subscriptions get delta-compressed frames, with which algorithm: the connection-wide
 * opt-in ({@code pusher:enable_delta_compression}), each subscription's own {@code delta}
 * setting, the app's channel settings and the per-socket cap; and recovery when a client lost
 * its bases ({@code pusher:delta_sync_error}).
 */
final class DeltaNegotiation {

    private final EngineContext ctx;

    DeltaNegotiation(EngineContext ctx) {
        this.ctx = ctx;
    }

    /**
     * {@code pusher:enable_delta_compression}: the socket takes the first algorithm of the
     * client's list that the server offers (the server's preference when the list is empty), and
     * every subscription that did not opt out starts receiving deltas. A list that names only
     * algorithms the server lacks has nothing in common with it: the answer is
     * {@code enabled: false}, and nothing changes for the socket's channels.
     */
    void enable(Session c, List<String> named) {
        DeltaSettings settings = ctx.options().delta();
        String algorithm = null;
        if (settings.enabled()) {
            algorithm = named.isEmpty() ? settings.algorithm() : firstOffered(named);
        }
        c.enableDelta(algorithm, named);
        ctx.send(c, DeltaFrames.compressionEnabled(algorithm != null, algorithm, null));
        if (algorithm != null) {
            for (Subscription s : c.subscriptionArray()) {
                if (s != null) {
                    apply(c, s);
                }
            }
        }
    }

    private static String firstOffered(List<String> named) {
        for (String a : named) {
            if (DeltaRequest.algorithmName(a) != null) {
                return DeltaRequest.algorithmName(a);
            }
        }
        return null;
    }

    /**
     * Gives a subscription delta state if compression applies to it: not on encrypted channels
     * (their payloads are opaque), not where the app's channel settings disable it or the
     * subscriber said no, only when the subscriber or its socket asked, and for at most
     * {@code max_channel_states_per_socket} channels of one socket.
     */
    void apply(Session c, Subscription s) {
        if (s.delta() != null || s.deltaMode() == Subscription.DeltaMode.OFF || s.channel().kind().isEncrypted()
                || s.channel().kind() == ChannelKind.SERVER_TO_USER) {
            return;
        }
        if (s.deltaMode() == Subscription.DeltaMode.DEFAULT && c.deltaAlgorithm() == null) {
            return;
        }
        DeltaSettings settings = ctx.options().delta();
        ChannelSettings channel = ChannelSettings.resolve(c.app(), s.channel().name(), settings,
                ctx.options().tagFiltering().enableTags());
        if (!channel.deltaAllowed()) {
            return;
        }
        int max = settings.maxChannelStatesPerSocket();
        if (max > 0 && c.deltaSubscriptions() >= max) {
            return;
        }
        String algorithm = s.deltaAlgorithm();
        if (algorithm == null) {
            algorithm = channel.algorithm() != null && c.decodes(channel.algorithm()) && s.deltaMode() == Subscription.DeltaMode.ON
                    ? channel.algorithm() : c.deltaAlgorithm();
        }
        if (algorithm == null) {
            algorithm = channel.algorithm();
        }
        s.delta(new DeltaState(algorithm, settings));
        c.deltaSubscriptionsChanged(1);
    }

    /** A new subscription that named a {@code delta} setting learns what it got, on its channel. */
    void confirm(Session c, Subscription s) {
        DeltaState d = s.delta();
        ctx.send(c, DeltaFrames.compressionEnabled(d != null, d == null ? null : d.algorithm(), s.channel().name()));
    }

    /** Frees a subscription's delta state when it ends. */
    void release(Session c, Subscription s) {
        if (s.delta() != null) {
            s.delta(null);
            c.deltaSubscriptionsChanged(-1);
        }
    }

    /**
     * {@code pusher:delta_sync_error}: the client could not decode and dropped its bases for the
     * channel. Its chains start over, and the last message of each is sent again in full so the
     * client loses nothing.
     */
    void syncError(Session c, String channel) {
        Subscription s = c.subscription(channel);
        ctx.local().state(c.app().id()).deltaStats().countSyncError();
        if (s == null || s.delta() == null) {
            return;
        }
        long now = ctx.clock().nanoTime();
        for (DeltaState.LastMessage last : s.delta().reset()) {
            long seq = s.channel().nextSequence();
            ctx.send(c, DeltaFrames.withSequence(last.payload(), seq, last.conflationKey()));
            s.delta().restore(last.conflationKey(), last.payload(), seq, now);
        }
    }

    /** Frees the idle chains of a socket's subscriptions (from the activity sweep). */
    void expire(Session c, long now) {
        if (c.deltaSubscriptions() > 0) {
            for (Subscription s : c.subscriptionArray()) {
                if (s != null && s.delta() != null) {
                    s.delta().expire(now);
                }
            }
        }
    }
}
