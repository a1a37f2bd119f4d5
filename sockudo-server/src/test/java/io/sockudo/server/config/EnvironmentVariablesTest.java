package io.sockudo.server.config;

import static io.sockudo.server.config.Configs.onlyApp;
import static io.sockudo.server.config.Configs.read;
import static io.sockudo.server.config.Configs.withApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockudo.adapter.app.App;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentVariablesTest {

    @Test
    void theEnvironmentWinsOverTheFileWhichWinsOverDefaults() {
        ServerConfig config = read("{\"port\": 7000, \"host\": \"10.1.1.1\"}", Map.of("PORT", "7100"));
        assertThat(config.port()).as("env").isEqualTo(7100);
        assertThat(config.host()).as("file").isEqualTo("10.1.1.1");
        assertThat(config.activityTimeout()).as("default").isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void everyServerVariableSetsItsSetting() {
        Map<String, String> env = new HashMap<>();
        env.put("HOST", "127.0.0.2");
        env.put("PORT", "7200");
        env.put("DEBUG_MODE", "true");
        env.put("ACTIVITY_TIMEOUT", "30");
        env.put("USER_AUTHENTICATION_TIMEOUT", "90");
        env.put("SHUTDOWN_GRACE_PERIOD", "1");
        env.put("SOCKUDO_MAX_CONNECTIONS", "1234");
        env.put("LISTEN_BACKLOG", "8192");
        env.put("WEBSOCKET_MAX_PAYLOAD_KB", "32");
        env.put("WEBSOCKET_MAX_MESSAGES", "64");
        env.put("WEBSOCKET_MAX_BYTES", "65536");
        env.put("WEBSOCKET_DISCONNECT_ON_BUFFER_FULL", "off");
        env.put("WEBSOCKET_MAX_MESSAGE_SIZE", "16384");
        env.put("WEBSOCKET_MAX_FRAME_SIZE", "8192");
        env.put("WEBSOCKET_WRITE_BUFFER_SIZE", "4096");
        env.put("WEBSOCKET_MAX_BACKPRESSURE", "262144");
        env.put("WEBSOCKET_AUTO_PING", "false");
        env.put("WEBSOCKET_PING_INTERVAL", "15");
        env.put("WEBSOCKET_IDLE_TIMEOUT", "45");
        env.put("WEBSOCKET_COMPRESSION", "window2kb");
        env.put("CACHE_TTL_SECONDS", "60");
        env.put("METRICS_ENABLED", "false");
        env.put("METRICS_HOST", "127.0.0.3");
        env.put("METRICS_PORT", "9700");
        env.put("METRICS_PROMETHEUS_PREFIX", "pusher_");
        env.put("HEALTH_CHECK_TIMEOUT_MS", "750");
        env.put("HTTP_API_USAGE_ENABLED", "false");
        env.put("WEBHOOK_BATCHING_ENABLED", "0");
        env.put("WEBHOOK_BATCHING_DURATION", "25");
        env.put("WEBHOOK_BATCHING_SIZE", "7");
        env.put("TAG_FILTERING_ENABLED", "yes");

        ServerConfig c = read("{}", env);

        assertThat(c.host()).isEqualTo("127.0.0.2");
        assertThat(c.port()).isEqualTo(7200);
        assertThat(c.debug()).isTrue();
        assertThat(c.activityTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.userAuthenticationTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.maxConnections()).isEqualTo(1234);
        assertThat(c.listenBacklog()).isEqualTo(8192);
        assertThat(c.webSocket()).isEqualTo(new WebSocketConfig(32, 64, 65536, false, 16384,
                8192, 4096, 262_144, false, Duration.ofSeconds(15), Duration.ofSeconds(45),
                io.sockudo.transport.websocket.Compression.dedicated(2048)));
        assertThat(c.channelCacheTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.metrics()).isEqualTo(new MetricsConfig(false, "127.0.0.3", 9700, "pusher_"));
        assertThat(c.operations()).isEqualTo(new OperationsConfig(Duration.ofMillis(750), false, 0.90));
        assertThat(c.webhooks().batching()).isEqualTo(new WebhooksConfig.Batching(false, Duration.ofMillis(25), 7));
        assertThat(c.tagFiltering().enabled()).isTrue();
        assertThat(EnvOverlay.SETTINGS).extracting(EnvOverlay.Mapping::variable).allMatch(env::containsKey);
    }

    @Test
    void debugCanOnlySwitchDebugOnWhileDebugModeSetsIt() {
        assertThat(read("{\"debug\": false}", Map.of("DEBUG", "1", "DEBUG_MODE", "false")).debug()).isTrue();
        assertThat(read("{\"debug\": true}", Map.of("DEBUG", "false")).debug()).isTrue();
        assertThat(read("{\"debug\": true}", Map.of("DEBUG_MODE", "false")).debug()).isFalse();
    }

    @Test
    void aVariableOfTheWrongTypeStopsTheLauncherNamingTheVariable() {
        assertThatThrownBy(() -> read("{}", Map.of("PORT", "abc")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable PORT: expected an integer from 0 to 65535, got \"abc\"");
        assertThatThrownBy(() -> read("{}", Map.of("METRICS_ENABLED", "maybe")))
                .hasMessage("environment variable METRICS_ENABLED: expected true or false, got \"maybe\"");
        assertThatThrownBy(() -> read("{}", Map.of("DEBUG", "loud")))
                .hasMessage("environment variable DEBUG: expected true or false, got \"loud\"");
        assertThatThrownBy(() -> read("{}", Map.of("ACTIVITY_TIMEOUT", "0")))
                .hasMessageStartingWith("environment variable ACTIVITY_TIMEOUT: expected an integer from 1 to ");
    }

    @Test
    void anEmptyVariableCountsAsUnset() {
        assertThat(read("{\"port\": 7300}", Map.of("PORT", "", "HOST", "")).port()).isEqualTo(7300);
    }

    @Test
    void noneOrZeroLiftsASocketQueueLimit() {
        ServerConfig c = read("{}", Map.of("WEBSOCKET_MAX_MESSAGES", "none", "WEBSOCKET_MAX_BYTES", "0"));
        assertThat(c.webSocket().maxMessages()).isZero();
        assertThat(c.webSocketOptions().maxQueuedMessages()).isEqualTo(Integer.MAX_VALUE);
        assertThat(c.webSocketOptions().maxQueuedBytes()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aVariableCannotSetAKeyInsideAFileValueThatIsNotAnObject() {
        assertThatThrownBy(() -> read("{\"websocket\": 5}", Map.of("WEBSOCKET_MAX_MESSAGES", "10")))
                .hasMessage("config.json: websocket: expected an object, got 5 (environment variable WEBSOCKET_MAX_MESSAGES sets a key inside it)");
    }

    @Test
    void defaultAppVariablesSetEveryFieldOfTheDefaultApp() {
        Map<String, String> env = new HashMap<>();
        env.put("SOCKUDO_DEFAULT_APP_ID", "env-id");
        env.put("SOCKUDO_DEFAULT_APP_KEY", "env-key");
        env.put("SOCKUDO_DEFAULT_APP_SECRET", "env-secret");
        env.put("SOCKUDO_DEFAULT_APP_MAX_CONNECTIONS", "10");
        env.put("SOCKUDO_DEFAULT_APP_MAX_CLIENT_EVENTS_PER_SECOND", "11");
        env.put("SOCKUDO_DEFAULT_APP_MAX_BACKEND_EVENTS_PER_SECOND", "12");
        env.put("SOCKUDO_DEFAULT_APP_MAX_READ_REQUESTS_PER_SECOND", "13");
        env.put("SOCKUDO_DEFAULT_APP_MAX_PRESENCE_MEMBERS_PER_CHANNEL", "14");
        env.put("SOCKUDO_DEFAULT_APP_MAX_PRESENCE_MEMBER_SIZE_IN_KB", "15");
        env.put("SOCKUDO_DEFAULT_APP_MAX_CHANNEL_NAME_LENGTH", "16");
        env.put("SOCKUDO_DEFAULT_APP_MAX_EVENT_NAME_LENGTH", "17");
        env.put("SOCKUDO_DEFAULT_APP_MAX_EVENT_PAYLOAD_IN_KB", "18");
        env.put("SOCKUDO_DEFAULT_APP_MAX_EVENT_CHANNELS_AT_ONCE", "19");
        env.put("SOCKUDO_DEFAULT_APP_MAX_EVENT_BATCH_SIZE", "20");
        env.put("SOCKUDO_DEFAULT_APP_ENABLE_CLIENT_MESSAGES", "true");
        env.put("SOCKUDO_DEFAULT_APP_ENABLE_USER_AUTHENTICATION", "true");
        env.put("SOCKUDO_DEFAULT_APP_ENABLE_WATCHLIST_EVENTS", "true");
        env.put("SOCKUDO_DEFAULT_APP_ENABLE_SUBSCRIPTION_COUNT", "true");
        env.put("SOCKUDO_DEFAULT_APP_ALLOWED_ORIGINS", "https://a.example, *.b.example,");

        App app = onlyApp(read("{}", env));

        assertThat(app).isEqualTo(App.builder("env-id", "env-key", "env-secret")
                .maxConnections(10).maxClientEventsPerSecond(11).maxBackendEventsPerSecond(12)
                .maxReadRequestsPerSecond(13).maxPresenceMembersPerChannel(14).maxPresenceMemberSizeInKb(15)
                .maxChannelNameLength(16).maxEventNameLength(17).maxEventPayloadInKb(18)
                .maxEventChannelsAtOnce(19).maxEventBatchSize(20)
                .enableClientMessages(true).enableUserAuthentication(true).enableWatchlistEvents(true)
                .enableSubscriptionCount(true)
                .allowedOrigins(java.util.List.of("https://a.example", "*.b.example"))
                .build());
    }

    @Test
    void theDefaultAppFromVariablesKeepsPusherDefaultsForLimitsNotGiven() {
        App app = onlyApp(read("{}", Map.of(
                "SOCKUDO_DEFAULT_APP_ID", "i", "SOCKUDO_DEFAULT_APP_KEY", "k", "SOCKUDO_DEFAULT_APP_SECRET", "s")));
        assertThat(app).isEqualTo(App.builder("i", "k", "s").build());
    }

    @Test
    void clientMessagesFallBackToTheShortVariable() {
        Map<String, String> env = Map.of("SOCKUDO_DEFAULT_APP_ID", "i", "SOCKUDO_DEFAULT_APP_KEY", "k",
                "SOCKUDO_DEFAULT_APP_SECRET", "s", "SOCKUDO_ENABLE_CLIENT_MESSAGES", "true");
        assertThat(onlyApp(read("{}", env)).enableClientMessages()).isTrue();
    }

    @Test
    void defaultAppEnabledAloneChangesNothing() {
        assertThat(read(withApp(""), Map.of("SOCKUDO_DEFAULT_APP_ENABLED", "false")).apps())
                .as("false only means no app from the environment").extracting(App::key).containsExactly("k");
        assertThat(read(withApp(""), Map.of("SOCKUDO_DEFAULT_APP_ENABLED", "true")).apps())
                .as("enabled alone keeps the file's apps").extracting(App::key).containsExactly("k");
    }

    @Test
    void partialDefaultAppCredentialsAreAnError() {
        assertThatThrownBy(() -> read("{}", Map.of("SOCKUDO_DEFAULT_APP_KEY", "k")))
                .hasMessage("environment: SOCKUDO_DEFAULT_APP_ID, SOCKUDO_DEFAULT_APP_KEY and SOCKUDO_DEFAULT_APP_SECRET "
                        + "go together; SOCKUDO_DEFAULT_APP_ID and SOCKUDO_DEFAULT_APP_SECRET are not set");
    }

    @Test
    void inlineAppsCanBeSkipped() {
        assertThat(read(withApp(""), Map.of("SOCKUDO_SKIP_INLINE_APPS", "true")).apps()).isEmpty();
        assertThat(read(withApp(""), Map.of("APP_MANAGER_REGISTER_INLINE_APPS", "false")).apps()).isEmpty();
        assertThat(read("{}", Map.of("SOCKUDO_SKIP_INLINE_APPS", "true")).apps())
                .as("nor the built-in default app").isEmpty();
    }

    @Test
    void aDefaultAppVariableOfTheWrongTypeIsNamed() {
        assertThatThrownBy(() -> read("{}", Map.of("SOCKUDO_DEFAULT_APP_ID", "i", "SOCKUDO_DEFAULT_APP_KEY", "k",
                "SOCKUDO_DEFAULT_APP_SECRET", "s", "SOCKUDO_DEFAULT_APP_MAX_CONNECTIONS", "many")))
                .hasMessage("environment variable SOCKUDO_DEFAULT_APP_MAX_CONNECTIONS: expected an integer from 0 to 2147483647, got \"many\"");
    }
}
