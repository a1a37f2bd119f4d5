package io.sockudo.server.config;

import io.sockudo.adapter.app.App;
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;

/**
 * Reads one app of {@code app_manager.array.apps}, in either of sockudo's shapes: the flat one
 * ({@code max_connections}, {@code enable_client_messages}, ... beside the credentials) or the
 * {@code policy} one ({@code policy.limits}, {@code policy.features}, {@code policy.channels},
 * {@code policy.webhooks}). As in sockudo, when {@code policy} is given the flat fields are
 * not read.
 *
 * <p>A limit that is missing or {@code null} keeps Pusher's default ({@link App.Builder}); a
 * {@code max_connections} of 0 means no limit. As in sockudo, numbers may be written as strings,
 * size limits in KB may have a fraction ({@code 0.5}), and {@code id}, {@code key} and
 * {@code secret} may be whole numbers ({@code "id": 40000} is the app {@code "40000"}).
 */
final class AppReader {

    private static final int MAX = Integer.MAX_VALUE;

    /** The flat fields sockudo knows, which it ignores when {@code policy} is present. */
    private static final List<String> FLAT_FIELDS = List.of(
            "max_connections", "enable_client_messages", "max_backend_events_per_second",
            "max_client_events_per_second", "max_read_requests_per_second", "max_presence_members_per_channel",
            "max_presence_member_size_in_kb", "max_channel_name_length", "max_event_channels_at_once",
            "max_event_name_length", "max_event_payload_in_kb", "max_event_batch_size", "enable_user_authentication",
            "webhooks", "enable_watchlist_events", "enable_subscription_count", "allowed_origins",
            "annotations_enabled", "channel_delta_compression", "idempotency", "connection_recovery",
            "channel_namespaces", "decay_seconds", "terminate_on_limit", "message_rate_limit");

    private AppReader() {
    }

    static App read(ConfigNode app) {
        if (!app.isObject()) {
            throw app.invalid("an object with id, key and secret");
        }
        App.Builder b = App.builder(
                        app.get("id").requiredIdentifier(),
                        app.get("key").requiredIdentifier(),
                        app.get("secret").requiredIdentifier())
                .enabled(app.get("enabled").bool(true));

        ConfigNode policy = app.get("policy");
        ConfigNode limits;
        ConfigNode features;
        ConfigNode channels;
        ConfigNode webhooks;
        if (policy.isSet()) {
            limits = policy.get("limits");
            features = policy.get("features");
            channels = policy.get("channels");
            webhooks = policy.get("webhooks");
            for (String flat : FLAT_FIELDS) {
                if (app.has(flat)) {
                    app.get(flat).unsupported("ignored because the app has a policy");
                }
            }
        } else {
            limits = app;
            features = app;
            channels = app;
            webhooks = app.get("webhooks");
        }

        b.maxConnections(limits.get("max_connections").integer(0, MAX, 0));
        limit(limits, "max_client_events_per_second", MAX, b::maxClientEventsPerSecond);
        limit(limits, "max_backend_events_per_second", MAX, b::maxBackendEventsPerSecond);
        limit(limits, "max_read_requests_per_second", MAX, b::maxReadRequestsPerSecond);
        limit(limits, "max_presence_members_per_channel", MAX, b::maxPresenceMembersPerChannel);
        sizeLimit(limits, "max_presence_member_size_in_kb", b::maxPresenceMemberSizeInKb);
        limit(limits, "max_channel_name_length", MAX, b::maxChannelNameLength);
        limit(limits, "max_event_name_length", MAX, b::maxEventNameLength);
        sizeLimit(limits, "max_event_payload_in_kb", b::maxEventPayloadInKb);
        limit(limits, "max_event_channels_at_once", MAX, b::maxEventChannelsAtOnce);
        limit(limits, "max_event_batch_size", MAX, b::maxEventBatchSize);

        b.enableClientMessages(features.get("enable_client_messages").bool(false));
        b.enableUserAuthentication(features.get("enable_user_authentication").bool(false));
        b.enableWatchlistEvents(features.get("enable_watchlist_events").bool(false));
        b.enableSubscriptionCount(features.get("enable_subscription_count").bool(false));

        b.allowedOrigins(channels.get("allowed_origins").strings(List.of()));
        b.channelDeltaCompression(ChannelDeltaReader.read(channels.get("channel_delta_compression")));
        b.webhooks(WebhookReader.read(webhooks));
        return b.build();
    }

    /** A size limit in KB, fractions allowed; missing or null keeps the builder's Pusher default. */
    private static void sizeLimit(ConfigNode limits, String key, DoubleConsumer setter) {
        Double kb = limits.get(key).optionalDecimal(0, App.MAX_SIZE_KB);
        if (kb != null) {
            setter.accept(kb);
        }
    }

    /** Sets the limit when it is given; missing or null keeps the builder's Pusher default. */
    private static void limit(ConfigNode limits, String key, int max, IntConsumer setter) {
        Integer v = limits.get(key).optionalInteger(0, max);
        if (v != null) {
            setter.accept(v);
        }
    }
}
