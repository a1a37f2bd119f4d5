package io.sockudo.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.ChannelDeltaSetting;
import io.sockudo.adapter.app.Webhook;
import io.sockudo.adapter.delta.DeltaSettings;
import io.sockudo.adapter.filter.TagFiltering;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A config file written for sockudo, with many sections we do not have, starts the server as it
 * is, as long as the drivers it names are ones this server has.
 */
class SockudoConfigFileTest {

    private final Path file = Configs.resource("sockudo-production.json");
    private final LoadedConfig loaded = ConfigLoader.load(file, file.getParent(), Map.of());
    private final ServerConfig config = loaded.config();

    @Test
    void readsTheServerSettings() {
        assertThat(loaded.file()).contains(file);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).as("given as the string \"7001\"").isEqualTo(7001);
        assertThat(config.debug()).isTrue();
        assertThat(config.maxConnections()).isEqualTo(50_000);
        assertThat(config.activityTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.userAuthenticationTimeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(config.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.channelCacheTtl()).isEqualTo(Duration.ofSeconds(1800));
        assertThat(config.maxHttpBodyBytes()).isEqualTo(4L * 1024 * 1024);
    }

    @Test
    void engineOptionsCarryTheProtocolSettings() {
        var engine = config.engineOptions();
        assertThat(engine.activityTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(engine.userAuthenticationTimeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(engine.maxConnections()).isEqualTo(50_000);
        assertThat(engine.cacheTtl()).isEqualTo(Duration.ofSeconds(1800));
    }

    @Test
    void webSocketLimitsTakeThePayloadLimitCappedByMaxMessageSize() {
        assertThat(config.webSocket()).isEqualTo(new WebSocketConfig(128, 500, 1024 * 1024, false, 98_304));
        var options = config.webSocketOptions();
        assertThat(options.maxMessageBytes()).as("128 KiB capped by max_message_size").isEqualTo(98_304);
        assertThat(options.maxQueuedMessages()).isEqualTo(500);
        assertThat(options.maxQueuedBytes()).as("max_bytes: null keeps the default").isEqualTo(1024 * 1024);
        assertThat(options.disconnectOnBufferFull()).isFalse();
    }

    @Test
    void readsMetricsAndWebhookDelivery() {
        assertThat(config.metrics()).isEqualTo(new MetricsConfig(false, "127.0.0.1", 9700, "chat_"));
        assertThat(config.operations()).isEqualTo(new OperationsConfig(Duration.ofMillis(1500), false, 0.90));
        assertThat(config.webhooks()).isEqualTo(new WebhooksConfig(
                new WebhooksConfig.Batching(false, Duration.ofMillis(100), 20),
                new WebhooksConfig.Retry(true, 5, Duration.ofMillis(60_000), Duration.ofMillis(500), Duration.ofMillis(8_000)),
                Duration.ofMillis(5_000)));
    }

    @Test
    void readsDeltaCompressionAndTagFiltering() {
        DeltaSettings delta = new DeltaSettings(true, "xdelta3", 20, 256, Duration.ofSeconds(600), 50, 0, "symbol", true);
        assertThat(config.deltaCompression()).as("max_conflation_states_per_channel: null lifts the limit").isEqualTo(delta);
        assertThat(config.tagFiltering()).isEqualTo(new TagFiltering(true, false));
        assertThat(config.engineOptions().delta()).isEqualTo(delta);
        assertThat(config.engineOptions().tagFiltering()).isEqualTo(new TagFiltering(true, false));
    }

    @Test
    void readsAnAppInTheFlatForm() {
        App chat = config.apps().get(0);
        assertThat(chat.id()).isEqualTo("1001");
        assertThat(chat.key()).isEqualTo("chat-key");
        assertThat(chat.secret()).isEqualTo("chat-secret");
        assertThat(chat.enabled()).isTrue();
        assertThat(chat.maxConnections()).isEqualTo(2000);
        assertThat(chat.enableClientMessages()).isTrue();
        assertThat(chat.enableUserAuthentication()).isTrue();
        assertThat(chat.enableWatchlistEvents()).isTrue();
        assertThat(chat.maxClientEventsPerSecond()).isEqualTo(25);
        assertThat(chat.maxPresenceMembersPerChannel()).as("null: Pusher's default").isEqualTo(App.DEFAULT_MAX_PRESENCE_MEMBERS);
        assertThat(chat.maxPresenceMemberSizeBytes()).isEqualTo(4 * 1024);
        assertThat(chat.maxChannelNameLength()).isEqualTo(164);
        assertThat(chat.maxEventNameLength()).isEqualTo(120);
        assertThat(chat.maxEventPayloadBytes()).isEqualTo(64 * 1024);
        assertThat(chat.maxEventChannelsAtOnce()).isEqualTo(50);
        assertThat(chat.maxEventBatchSize()).isEqualTo(20);
        assertThat(chat.maxBackendEventsPerSecond()).isEqualTo(500);
        assertThat(chat.maxReadRequestsPerSecond()).isZero();
        assertThat(chat.allowedOrigins()).containsExactly("https://chat.example.com", "*.example.org");
        assertThat(chat.channelDeltaCompression()).isEqualTo(Map.of(
                "ticker", new ChannelDeltaSetting(true, "fossil", null, null),
                "news-*", ChannelDeltaSetting.DISABLED));
    }

    @Test
    void readsWebhooksAndLeavesOutLambdaTargets() {
        var hooks = config.apps().get(0).webhooks();
        assertThat(hooks).hasSize(2);

        Webhook rooms = hooks.get(0);
        assertThat(rooms.url()).isEqualTo("https://hooks.example.com/pusher");
        assertThat(rooms.eventTypes()).isEqualTo(Set.of("channel_occupied", "channel_vacated"));
        assertThat(rooms.headers()).isEqualTo(Map.of("Authorization", "Bearer hook-token"));
        assertThat(rooms.accepts("channel_occupied", "private-lobby-room")).isTrue();
        assertThat(rooms.accepts("channel_occupied", "public-lobby-room")).isFalse();
        assertThat(rooms.accepts("member_added", "private-lobby-room")).isFalse();

        Webhook presence = hooks.get(1);
        assertThat(presence.url()).isEqualTo("http://10.0.0.9:8080/presence");
        assertThat(presence.accepts("member_added", "presence-team-42")).isTrue();
        assertThat(presence.accepts("member_added", "presence-team-x")).isFalse();
    }

    @Test
    void readsAnAppInThePolicyFormWhichWinsOverItsFlatFields() {
        App market = config.apps().get(1);
        assertThat(market.enabled()).isFalse();
        assertThat(market.maxConnections()).as("policy.limits, not the flat 0").isEqualTo(10_000);
        assertThat(market.maxClientEventsPerSecond()).isZero();
        assertThat(market.enableClientMessages()).isFalse();
        assertThat(market.enableSubscriptionCount()).isTrue();
        assertThat(market.allowedOrigins()).containsExactly("*");
        assertThat(market.channelDeltaCompression()).isEqualTo(Map.of(
                "ticker:*", new ChannelDeltaSetting(true, "xdelta3", "symbol", false),
                "quotes", new ChannelDeltaSetting(false, null, null, null)));
        assertThat(market.webhooks()).extracting(Webhook::url).containsExactly("https://market.example.com/hooks");
    }

    @Test
    void theCacheChannelsAreKeptInRedisWithTheFilesPrefix() {
        ChannelCacheConfig cache = config.stores().channelCache();
        assertThat(cache.driver()).isEqualTo("redis");
        assertThat(cache.prefix()).isEqualTo("chat_cache:");
        assertThat(cache.redis().nodes()).extracting(Object::toString).containsExactly("127.0.0.1:6379");
    }

    @Test
    void theRateLimitsAreSockudosWithTheFilesTrustedProxy() {
        RateLimiterConfig limits = config.stores().rateLimiter();
        assertThat(limits.enabled()).isTrue();
        assertThat(limits.driver()).isEqualTo("memory");
        assertThat(limits.api()).isEqualTo(new io.sockudo.store.ratelimit.RateLimitSettings(100, Duration.ofSeconds(60), "api", 1));
        assertThat(limits.websocket()).isEqualTo(io.sockudo.store.ratelimit.RateLimitSettings.websocketDefaults());
    }

    @Test
    void listsEverySettingItDoesNotHaveYetInFileOrder() {
        assertThat(loaded.unsupportedKeys()).containsExactly(
                "mode",
                "server_role",
                "instance",
                "app_manager.array.apps[0].webhooks[1].retry",
                "app_manager.array.apps[0].webhooks[2] (AWS Lambda webhook)",
                "app_manager.array.apps[1].max_connections (ignored because the app has a policy)",
                "app_manager.array.apps[1].policy.limits.decay_seconds",
                "app_manager.array.apps[1].policy.limits.terminate_on_limit",
                "app_manager.array.apps[1].policy.channels.channel_namespaces",
                "app_manager.array.apps[1].policy.channels.channel_delta_compression[\"ticker:*\"].max_messages_per_key",
                "app_manager.array.apps[1].policy.channels.channel_delta_compression[\"ticker:*\"].max_conflation_keys",
                "app_manager.array.apps[1].policy.idempotency",
                "queue.redis.concurrency",
                "channel_limits.max_name_length",
                "event_limits",
                "presence.max_members_per_channel",
                "presence.max_member_size_in_kb",
                "database.mysql",
                "database_pooling",
                "cleanup (disconnect cleanup runs on the socket's own thread; nothing to size)",
                "delta_compression.cluster_coordination (needs a horizontal adapter)",
                "idempotency",
                "connection_recovery",
                "logging");
    }
}
