package io.sockudo.server.config;

import static io.sockudo.server.config.Configs.onlyApp;
import static io.sockudo.server.config.Configs.read;
import static io.sockudo.server.config.Configs.withApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.ChannelDeltaSetting;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

    @Test
    void anAppWithOnlyCredentialsHasPusherDefaultsAndClientEventsOff() {
        App app = onlyApp(read(withApp("")));
        assertThat(app).isEqualTo(App.builder("1", "k", "s").build());
        assertThat(app.enabled()).as("sockudo's samples always say enabled: true").isTrue();
        assertThat(app.enableClientMessages()).isFalse();
        assertThat(app.maxConnections()).as("no limit").isZero();
        assertThat(app.maxEventPayloadBytes()).isEqualTo(App.DEFAULT_MAX_EVENT_PAYLOAD_KB * 1024);
    }

    @Test
    void aNullLimitMeansPusherDefaultAndZeroConnectionsMeansNoLimit() {
        App app = onlyApp(read(withApp("""
                "max_connections": 0, "max_event_batch_size": null, "max_client_events_per_second": null""")));
        assertThat(app.maxConnections()).isZero();
        assertThat(app.maxEventBatchSize()).isEqualTo(App.DEFAULT_MAX_EVENT_BATCH_SIZE);
        assertThat(app.maxClientEventsPerSecond()).isEqualTo(App.DEFAULT_MAX_CLIENT_EVENTS_PER_SECOND);
    }

    @Test
    void numbersAndSwitchesMayBeWrittenAsStrings() {
        App app = onlyApp(read(withApp("""
                "max_connections": "300", "max_presence_members_per_channel": " 50 ",
                "enable_client_messages": "true", "enabled": "yes\"""")));
        assertThat(app.maxConnections()).isEqualTo(300);
        assertThat(app.maxPresenceMembersPerChannel()).isEqualTo(50);
        assertThat(app.enableClientMessages()).isTrue();
        assertThat(app.enabled()).isTrue();
    }

    @Test
    void thePolicyFormReadsLimitsFeaturesChannelsAndWebhooks() {
        App app = onlyApp(read(withApp("""
                "policy": {
                  "limits": {"max_connections": 7, "max_event_payload_in_kb": "20"},
                  "features": {"enable_client_messages": true, "enable_watchlist_events": true},
                  "channels": {"allowed_origins": ["https://a.example"], "channel_delta_compression": {"c": "xdelta3"}},
                  "webhooks": [{"url": "https://h.example/x", "event_types": ["cache_miss"]}]
                }""")));
        assertThat(app.maxConnections()).isEqualTo(7);
        assertThat(app.maxEventPayloadBytes()).isEqualTo(20 * 1024);
        assertThat(app.enableClientMessages()).isTrue();
        assertThat(app.enableWatchlistEvents()).isTrue();
        assertThat(app.enableUserAuthentication()).isFalse();
        assertThat(app.allowedOrigins()).containsExactly("https://a.example");
        assertThat(app.channelDeltaCompression()).containsEntry("c", new ChannelDeltaSetting(true, "xdelta3", null, null));
        assertThat(app.webhooks()).singleElement().satisfies(w -> assertThat(w.eventTypes()).containsExactly("cache_miss"));
    }

    @Test
    void flatFieldsBesideAPolicyAreIgnoredAndSaidSo() {
        LoadedConfig loaded = Configs.load(withApp("""
                "enable_client_messages": true, "policy": {"features": {}}"""));
        assertThat(onlyApp(loaded.config()).enableClientMessages()).isFalse();
        assertThat(loaded.unsupportedKeys()).containsExactly(
                "app_manager.array.apps[0].enable_client_messages (ignored because the app has a policy)");
    }

    @Test
    void channelDeltaCompressionTakesWordsAndObjectsInAnyCase() {
        App app = onlyApp(read(withApp("""
                "channel_delta_compression": {
                  "a": "inherit", "b": "Disabled", "c": "FOSSIL", "d": null,
                  "e": {"algorithm": "fossil", "conflation_key": "item.id", "enable_tags": true},
                  "f": {}
                }""")));
        assertThat(app.channelDeltaCompression()).isEqualTo(Map.of(
                "a", ChannelDeltaSetting.INHERIT,
                "b", ChannelDeltaSetting.DISABLED,
                "c", new ChannelDeltaSetting(true, "fossil", null, null),
                "d", ChannelDeltaSetting.INHERIT,
                "e", new ChannelDeltaSetting(true, "fossil", "item.id", true),
                "f", new ChannelDeltaSetting(true, null, null, null)));
    }

    @Test
    void anUnknownDeltaAlgorithmIsAnError() {
        assertThatThrownBy(() -> read(withApp("\"channel_delta_compression\": {\"x\": {\"algorithm\": \"brotli\"}}")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.json: app_manager.array.apps[0].channel_delta_compression.x.algorithm: "
                        + "expected \"fossil\" or \"xdelta3\", got \"brotli\"");
        assertThatThrownBy(() -> read(withApp("\"channel_delta_compression\": {\"x\": \"zstd\"}")))
                .hasMessageContaining("expected \"inherit\", \"disabled\", \"fossil\", \"xdelta3\" or an object, got \"zstd\"");
    }

    @Test
    void aWebhookNeedsAnHttpUrlAndEventTypes() {
        assertThatThrownBy(() -> read(withApp("\"webhooks\": [{\"event_types\": [\"channel_occupied\"]}]")))
                .hasMessage("config.json: app_manager.array.apps[0].webhooks[0].url is required");
        assertThatThrownBy(() -> read(withApp("\"webhooks\": [{\"url\": \"ftp://x.example\", \"event_types\": []}]")))
                .hasMessage("config.json: app_manager.array.apps[0].webhooks[0].url: expected an http or https URL, got \"ftp://x.example\"");
        assertThatThrownBy(() -> read(withApp("\"webhooks\": [{\"url\": \"https://x.example\"}]")))
                .hasMessageStartingWith("config.json: app_manager.array.apps[0].webhooks[0].event_types is required");
    }

    @Test
    void aWebhookChannelPatternMustBeARegularExpression() {
        assertThatThrownBy(() -> read(withApp("""
                "webhooks": [{"url": "https://x.example", "event_types": ["member_added"], "filter": {"channel_pattern": "presence-("}}]""")))
                .hasMessageStartingWith("config.json: app_manager.array.apps[0].webhooks[0].filter.channel_pattern: expected a regular expression");
    }

    @Test
    void everyAppNeedsItsCredentials() {
        assertThatThrownBy(() -> read("{\"app_manager\":{\"array\":{\"apps\":[{\"id\":\"1\",\"key\":\"k\"}]}}}"))
                .hasMessage("config.json: app_manager.array.apps[0].secret is required");
        assertThatThrownBy(() -> read("{\"app_manager\":{\"array\":{\"apps\":[{\"id\":\"\",\"key\":\"k\",\"secret\":\"s\"}]}}}"))
                .hasMessage("config.json: app_manager.array.apps[0].id must not be empty");
        assertThatThrownBy(() -> read("{\"app_manager\":{\"array\":{\"apps\":[\"app-key\"]}}}"))
                .hasMessage("config.json: app_manager.array.apps[0]: expected an object with id, key and secret, got \"app-key\"");
    }

    @Test
    void twoAppsCannotShareAKeyOrAnId() {
        assertThatThrownBy(() -> read("""
                {"app_manager":{"array":{"apps":[
                  {"id":"1","key":"k","secret":"s"},{"id":"2","key":"k","secret":"t"}]}}}"""))
                .hasMessage("config.json: app_manager.array.apps[1].key \"k\" is already the key of app_manager.array.apps[0]");
        assertThatThrownBy(() -> read("""
                {"app_manager":{"array":{"apps":[
                  {"id":"1","key":"k","secret":"s"},{"id":"1","key":"l","secret":"t"}]}}}"""))
                .hasMessage("config.json: app_manager.array.apps[1].id \"1\" is already the id of app_manager.array.apps[0]");
    }

    @Test
    void withoutAppsTheDefaultAppIsServedButAnEmptyListMeansNone() {
        assertThat(read("{}").apps()).extracting(App::key).containsExactly("app-key");
        assertThat(read("{\"app_manager\":{\"driver\":\"memory\"}}").apps()).extracting(App::key).containsExactly("app-key");
        assertThat(read("{\"app_manager\":{\"array\":{\"apps\":[]}}}").apps()).isEmpty();
    }

    @Test
    void anAppDatabaseDriverDoesNotBringTheWellKnownDefaultAppAndRefusesInlineApps() {
        LoadedConfig loaded = Configs.load("{\"app_manager\":{\"driver\":\"mysql\"}}");
        assertThat(loaded.config().apps()).isEmpty();
        assertThat(loaded.config().stores().appStore().driver()).isEqualTo("mysql");
        assertThat(loaded.unsupportedKeys()).isEmpty();

        assertThatThrownBy(() -> read("{\"app_manager\":{\"driver\":\"pgsql\",\"array\":{\"apps\":[{\"id\":\"1\",\"key\":\"k\",\"secret\":\"s\"}]}}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config.json: app_manager.array.apps lists apps, but app_manager.driver is \"pgsql\"");
        assertThat(read("{\"app_manager\":{\"driver\":\"pgsql\",\"array\":{\"apps\":[]}}}").apps()).isEmpty();
    }

    @Test
    void anAppManagerDriverThisServerLacksStopsTheLauncherInOneLine() {
        assertThatThrownBy(() -> read("{\"app_manager\":{\"driver\":\"scylladb\"}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.json: app_manager.driver \"scylladb\" is not available in this server yet "
                        + "(available: dynamodb, memory, mysql, pgsql, postgres, postgresql); refusing to start without it");
        assertThatThrownBy(() -> Configs.load("{}", Map.of("APP_MANAGER_DRIVER", "surrealdb")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("environment variable APP_MANAGER_DRIVER \"surrealdb\" is not available");
    }
}
