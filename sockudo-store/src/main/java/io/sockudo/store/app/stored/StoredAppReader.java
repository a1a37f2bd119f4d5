package io.sockudo.store.app.stored;

import io.sockudo.adapter.app.App;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Reads an app as sockudo's stores keep it: a row of the {@code applications} table or a
 * DynamoDB item. The credentials and {@code enabled} are columns of their own. When the
 * {@code policy} column holds an object it is the whole truth about limits, features, channels
 * and webhooks, as in sockudo; otherwise the flat columns are read ({@code max_connections},
 * {@code enable_client_messages}, … and the JSON columns {@code webhooks},
 * {@code allowed_origins}, {@code channel_delta_compression}).
 *
 * <p>A limit that is null keeps Pusher's default ({@link App.Builder}). {@code idempotency} and
 * {@code connection_recovery} are sockudo's V2 features, which this server does not offer; they
 * are read past.
 */
public final class StoredAppReader {

    private static final int MAX = Integer.MAX_VALUE;
    /** KB limits are turned into bytes with an int; keep them below that overflow. */
    private static final int MAX_KB = Integer.MAX_VALUE / 1024 - 64;

    private StoredAppReader() {
    }

    /**
     * The app of this row. Values may be strings (JSON text for the JSON columns), numbers,
     * booleans, lists of strings or null.
     *
     * @throws MalformedAppException when the row cannot be read as an app
     */
    public static App read(Map<String, ?> row) {
        Object rawId = row.get("id");
        String id = rawId instanceof String s ? s : null;
        Fields columns = new Fields(id, "", row);
        String key = required(columns, "key");
        String secret = required(columns, "secret");
        if (id == null || id.isEmpty()) {
            throw new MalformedAppException(null, "id is missing (key '" + key + "')");
        }
        Boolean enabled = columns.bool("enabled");
        App.Builder b = App.builder(id, key, secret).enabled(enabled == null || enabled);

        Object policy = columns.json("policy");
        Fields limits;
        Fields features;
        Fields channels;
        List<Fields> webhooks;
        if (policy != null) {
            Fields p = columns.object("policy");
            limits = p.object("limits");
            features = p.object("features");
            channels = p.object("channels");
            webhooks = p.objects("webhooks");
        } else {
            limits = columns;
            features = columns;
            channels = columns;
            webhooks = columns.objects("webhooks");
        }

        Integer maxConnections = limits.limit("max_connections", MAX);
        b.maxConnections(maxConnections == null ? 0 : maxConnections);
        limit(limits, "max_client_events_per_second", MAX, b::maxClientEventsPerSecond);
        limit(limits, "max_backend_events_per_second", MAX, b::maxBackendEventsPerSecond);
        limit(limits, "max_read_requests_per_second", MAX, b::maxReadRequestsPerSecond);
        limit(limits, "max_presence_members_per_channel", MAX, b::maxPresenceMembersPerChannel);
        limit(limits, "max_presence_member_size_in_kb", MAX_KB, b::maxPresenceMemberSizeInKb);
        limit(limits, "max_channel_name_length", MAX, b::maxChannelNameLength);
        limit(limits, "max_event_name_length", MAX, b::maxEventNameLength);
        limit(limits, "max_event_payload_in_kb", MAX_KB, b::maxEventPayloadInKb);
        limit(limits, "max_event_channels_at_once", MAX, b::maxEventChannelsAtOnce);
        limit(limits, "max_event_batch_size", MAX, b::maxEventBatchSize);

        b.enableClientMessages(flag(features, "enable_client_messages"));
        b.enableUserAuthentication(flag(features, "enable_user_authentication"));
        b.enableWatchlistEvents(flag(features, "enable_watchlist_events"));
        b.enableSubscriptionCount(flag(features, "enable_subscription_count"));

        List<String> origins = channels.strings("allowed_origins");
        b.allowedOrigins(origins == null ? List.of() : origins);
        b.channelDeltaCompression(StoredChannelDeltas.read(channels));
        b.webhooks(StoredWebhooks.read(id, webhooks));
        return b.build();
    }

    private static String required(Fields columns, String name) {
        String v = columns.text(name);
        if (v == null || v.isEmpty()) {
            throw columns.bad(name, "a non-empty string");
        }
        return v;
    }

    private static boolean flag(Fields f, String name) {
        Boolean v = f.bool(name);
        return v != null && v;
    }

    private static void limit(Fields f, String name, int max, IntConsumer setter) {
        Integer v = f.limit(name, max);
        if (v != null) {
            setter.accept(v);
        }
    }
}
