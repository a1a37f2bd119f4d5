package io.sockudo.adapter;

import io.sockudo.adapter.app.AppManager;
import io.sockudo.adapter.connection.Frame;
import io.sockudo.adapter.hooks.ChannelCache;
import io.sockudo.adapter.hooks.WebhookSink;

/**
 * What the connection handler's collaborators share: this node's state ({@code local}), the seam
 * to the cluster ({@code adapter}: everything that concerns other nodes' sockets goes through it),
 * the settings and clock, and the side channels (webhooks, the channel cache, counters).
 *
 * @param local     this node's shards, apps, channels and framing
 * @param adapter   delivery, queries and announcements that may involve other nodes
 * @param lifecycle occupancy, membership and subscription count side effects
 */
record EngineContext(LocalAdapter local, Adapter adapter, AppManager apps, EngineOptions options, EngineStats stats,
                     WebhookSink webhooks, ChannelCache cache, ChannelLifecycle lifecycle) {

    EngineClock clock() {
        return options.clock();
    }

    /** Frames a payload for this node's sockets. */
    Frame frame(byte[] payload) {
        return local.frame(payload);
    }

    /** Sends a frame to one socket. */
    void send(Session c, byte[] payload) {
        c.send(local.frame(payload));
    }
}
