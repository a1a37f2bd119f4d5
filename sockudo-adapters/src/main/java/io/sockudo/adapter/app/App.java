package io.sockudo.adapter.app;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Pusher app: credentials, switches and limits. Immutable; an app manager hands out a new
 * instance when an app changes.
 *
 * <p>Limits left unset take Pusher's documented defaults rather than "unlimited", so a server
 * configured with nothing but credentials behaves like Pusher (100 presence members, 10 KB
 * events, 100 channels per publish, 10 events per batch, 10 client events per second).
 *
 * <p>Size limits are held in bytes: sockudo's config gives them in KB and allows fractions
 * ({@code max_event_payload_in_kb: 0.5}), which a whole-KB field could not represent.
 */
public record App(
        String id,
        String key,
        String secret,
        boolean enabled,
        int maxConnections,
        boolean enableClientMessages,
        boolean enableUserAuthentication,
        boolean enableWatchlistEvents,
        boolean enableSubscriptionCount,
        int maxClientEventsPerSecond,
        int maxPresenceMembersPerChannel,
        int maxPresenceMemberSizeBytes,
        int maxChannelNameLength,
        int maxEventNameLength,
        int maxEventPayloadBytes,
        int maxEventChannelsAtOnce,
        int maxEventBatchSize,
        int maxBackendEventsPerSecond,
        int maxReadRequestsPerSecond,
        List<String> allowedOrigins,
        List<Webhook> webhooks,
        Map<String, ChannelDeltaSetting> channelDeltaCompression) {

    public static final int DEFAULT_MAX_CLIENT_EVENTS_PER_SECOND = 10;
    public static final int DEFAULT_MAX_PRESENCE_MEMBERS = 100;
    public static final int DEFAULT_MAX_PRESENCE_MEMBER_SIZE_KB = 2;
    public static final int DEFAULT_MAX_CHANNEL_NAME_LENGTH = 200;
    public static final int DEFAULT_MAX_EVENT_NAME_LENGTH = 200;
    public static final int DEFAULT_MAX_EVENT_PAYLOAD_KB = 10;
    public static final int DEFAULT_MAX_EVENT_CHANNELS = 100;
    public static final int DEFAULT_MAX_EVENT_BATCH_SIZE = 10;
    /** Bytes in one KB of sockudo's {@code *_in_kb} limits. */
    public static final int BYTES_PER_KB = 1024;
    /** The largest KB count a size limit takes: its byte count must fit an int. */
    public static final double MAX_SIZE_KB = (double) Integer.MAX_VALUE / BYTES_PER_KB;

    public App {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(secret, "secret");
        allowedOrigins = List.copyOf(allowedOrigins);
        webhooks = List.copyOf(webhooks);
        channelDeltaCompression = Map.copyOf(channelDeltaCompression);
        if (maxPresenceMemberSizeBytes < 0 || maxEventPayloadBytes < 0) {
            throw new IllegalArgumentException("size limits must not be negative");
        }
    }

    /**
     * A size in KB as bytes, rounded down so that the limit never allows more than it says:
     * 0.5 KB is 512 bytes, 0.1 KB is 102. A positive size is at least one byte, since 0 means
     * no limit.
     */
    public static int kbToBytes(double kb) {
        if (Double.isNaN(kb) || kb < 0 || kb > MAX_SIZE_KB) {
            throw new IllegalArgumentException("a size in KB from 0 to " + MAX_SIZE_KB + ", got " + kb);
        }
        int bytes = (int) Math.floor(kb * BYTES_PER_KB);
        return kb > 0 ? Math.max(bytes, 1) : 0;
    }

    public static Builder builder(String id, String key, String secret) {
        return new Builder(id, key, secret);
    }

    public Builder toBuilder() {
        Builder b = new Builder(id, key, secret);
        b.enabled = enabled;
        b.maxConnections = maxConnections;
        b.enableClientMessages = enableClientMessages;
        b.enableUserAuthentication = enableUserAuthentication;
        b.enableWatchlistEvents = enableWatchlistEvents;
        b.enableSubscriptionCount = enableSubscriptionCount;
        b.maxClientEventsPerSecond = maxClientEventsPerSecond;
        b.maxPresenceMembersPerChannel = maxPresenceMembersPerChannel;
        b.maxPresenceMemberSizeBytes = maxPresenceMemberSizeBytes;
        b.maxChannelNameLength = maxChannelNameLength;
        b.maxEventNameLength = maxEventNameLength;
        b.maxEventPayloadBytes = maxEventPayloadBytes;
        b.maxEventChannelsAtOnce = maxEventChannelsAtOnce;
        b.maxEventBatchSize = maxEventBatchSize;
        b.maxBackendEventsPerSecond = maxBackendEventsPerSecond;
        b.maxReadRequestsPerSecond = maxReadRequestsPerSecond;
        b.allowedOrigins = allowedOrigins;
        b.webhooks = webhooks;
        b.channelDeltaCompression = channelDeltaCompression;
        return b;
    }

    /** Whether any webhook of this app wants events of this type. */
    public boolean wantsWebhook(String eventType) {
        for (Webhook w : webhooks) {
            if (w.eventTypes().contains(eventType)) {
                return true;
            }
        }
        return false;
    }

    /** Collects every webhook event type this app subscribes to. */
    public Set<String> webhookEventTypes() {
        java.util.HashSet<String> types = new java.util.HashSet<>();
        for (Webhook w : webhooks) {
            types.addAll(w.eventTypes());
        }
        return types;
    }

    /** Builds an {@link App}; every limit starts at Pusher's default. 0 for maxConnections means no limit. */
    public static final class Builder {
        private final String id;
        private final String key;
        private final String secret;
        private boolean enabled = true;
        private int maxConnections;
        private boolean enableClientMessages;
        private boolean enableUserAuthentication;
        private boolean enableWatchlistEvents;
        private boolean enableSubscriptionCount;
        private int maxClientEventsPerSecond = DEFAULT_MAX_CLIENT_EVENTS_PER_SECOND;
        private int maxPresenceMembersPerChannel = DEFAULT_MAX_PRESENCE_MEMBERS;
        private int maxPresenceMemberSizeBytes = DEFAULT_MAX_PRESENCE_MEMBER_SIZE_KB * BYTES_PER_KB;
        private int maxChannelNameLength = DEFAULT_MAX_CHANNEL_NAME_LENGTH;
        private int maxEventNameLength = DEFAULT_MAX_EVENT_NAME_LENGTH;
        private int maxEventPayloadBytes = DEFAULT_MAX_EVENT_PAYLOAD_KB * BYTES_PER_KB;
        private int maxEventChannelsAtOnce = DEFAULT_MAX_EVENT_CHANNELS;
        private int maxEventBatchSize = DEFAULT_MAX_EVENT_BATCH_SIZE;
        private int maxBackendEventsPerSecond;
        private int maxReadRequestsPerSecond;
        private List<String> allowedOrigins = List.of();
        private List<Webhook> webhooks = List.of();
        private Map<String, ChannelDeltaSetting> channelDeltaCompression = Map.of();

        private Builder(String id, String key, String secret) {
            this.id = id;
            this.key = key;
            this.secret = secret;
        }

        public Builder enabled(boolean v) { enabled = v; return this; }
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        public Builder enableClientMessages(boolean v) { enableClientMessages = v; return this; }
        public Builder enableUserAuthentication(boolean v) { enableUserAuthentication = v; return this; }
        public Builder enableWatchlistEvents(boolean v) { enableWatchlistEvents = v; return this; }
        public Builder enableSubscriptionCount(boolean v) { enableSubscriptionCount = v; return this; }
        public Builder maxClientEventsPerSecond(int v) { maxClientEventsPerSecond = v; return this; }
        public Builder maxPresenceMembersPerChannel(int v) { maxPresenceMembersPerChannel = v; return this; }
        public Builder maxPresenceMemberSizeInKb(int kb) { return maxPresenceMemberSizeInKb((double) kb); }
        /** {@code max_presence_member_size_in_kb}; fractions allowed, rounded down to whole bytes. */
        public Builder maxPresenceMemberSizeInKb(double kb) { maxPresenceMemberSizeBytes = kbToBytes(kb); return this; }
        public Builder maxPresenceMemberSizeBytes(int bytes) { maxPresenceMemberSizeBytes = bytes; return this; }
        public Builder maxChannelNameLength(int v) { maxChannelNameLength = v; return this; }
        public Builder maxEventNameLength(int v) { maxEventNameLength = v; return this; }
        public Builder maxEventPayloadInKb(int kb) { return maxEventPayloadInKb((double) kb); }
        /** {@code max_event_payload_in_kb}; fractions allowed, rounded down to whole bytes. */
        public Builder maxEventPayloadInKb(double kb) { maxEventPayloadBytes = kbToBytes(kb); return this; }
        public Builder maxEventPayloadBytes(int bytes) { maxEventPayloadBytes = bytes; return this; }
        public Builder maxEventChannelsAtOnce(int v) { maxEventChannelsAtOnce = v; return this; }
        public Builder maxEventBatchSize(int v) { maxEventBatchSize = v; return this; }
        public Builder maxBackendEventsPerSecond(int v) { maxBackendEventsPerSecond = v; return this; }
        public Builder maxReadRequestsPerSecond(int v) { maxReadRequestsPerSecond = v; return this; }
        public Builder allowedOrigins(List<String> v) { allowedOrigins = v; return this; }
        public Builder webhooks(List<Webhook> v) { webhooks = v; return this; }
        public Builder channelDeltaCompression(Map<String, ChannelDeltaSetting> v) { channelDeltaCompression = v; return this; }

        public App build() {
            return new App(id, key, secret, enabled, maxConnections, enableClientMessages, enableUserAuthentication,
                    enableWatchlistEvents, enableSubscriptionCount, maxClientEventsPerSecond, maxPresenceMembersPerChannel,
                    maxPresenceMemberSizeBytes, maxChannelNameLength, maxEventNameLength, maxEventPayloadBytes,
                    maxEventChannelsAtOnce, maxEventBatchSize, maxBackendEventsPerSecond, maxReadRequestsPerSecond,
                    allowedOrigins, webhooks, channelDeltaCompression);
        }
    }
}
