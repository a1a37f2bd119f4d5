package io.sockudo.adapter;

import java.util.concurrent.atomic.LongAdder;

/**
 * One app's share of the engine's counters, for metrics labelled by {@code app_id} (and, for
 * subscriptions, by sockudo's {@code channel_type}).
 */
public final class AppStats {

    /** sockudo's {@code channel_type} label values, in the order of {@link #channelType}. */
    public static final String[] CHANNEL_TYPES = {"public", "private", "presence", "private_encrypted", "cache"};

    final LongAdder connectionsOpened = new LongAdder();
    final LongAdder connectionsClosed = new LongAdder();
    final LongAdder connectionErrors = new LongAdder();
    final LongAdder clientEventRateChecks = new LongAdder();
    final LongAdder clientEventRateLimited = new LongAdder();
    private final LongAdder[] subscriptions = adders();
    private final LongAdder[] unsubscriptions = adders();

    private static LongAdder[] adders() {
        LongAdder[] a = new LongAdder[CHANNEL_TYPES.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    /** The index in {@link #CHANNEL_TYPES} of a channel's type; cache channels count as cache whatever else they are. */
    public static int channelType(String channel) {
        if (channel.startsWith("cache-") || channel.startsWith("private-cache-") || channel.startsWith("presence-cache-")
                || channel.startsWith("private-encrypted-cache-")) {
            return 4;
        }
        if (channel.startsWith("private-encrypted-")) {
            return 3;
        }
        if (channel.startsWith("presence-")) {
            return 2;
        }
        return channel.startsWith("private-") ? 1 : 0;
    }

    void subscribed(String channel) {
        subscriptions[channelType(channel)].increment();
    }

    void unsubscribed(String channel) {
        unsubscriptions[channelType(channel)].increment();
    }

    public long connectionsOpened() {
        return connectionsOpened.sum();
    }

    public long connectionsClosed() {
        return connectionsClosed.sum();
    }

    /** Connections closed or refused with a Pusher error after the app was known. */
    public long connectionErrors() {
        return connectionErrors.sum();
    }

    /** Client events checked against {@code max_client_events_per_second}. */
    public long clientEventRateChecks() {
        return clientEventRateChecks.sum();
    }

    /** Client events refused by {@code max_client_events_per_second}. */
    public long clientEventRateLimited() {
        return clientEventRateLimited.sum();
    }

    /** Subscriptions made to channels of the type at this index of {@link #CHANNEL_TYPES}. */
    public long subscriptions(int channelType) {
        return subscriptions[channelType].sum();
    }

    public long unsubscriptions(int channelType) {
        return unsubscriptions[channelType].sum();
    }
}
