package io.sockudo.store.app.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.ChannelDeltaSetting;
import io.sockudo.adapter.app.Webhook;
import io.sockudo.store.app.stored.AppStoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every SQL app store must do, against a real server the subclass starts once: create and
 * migrate sockudo's table, read every field, answer unknown keys with null, skip malformed rows,
 * fail in bounded time while the database is down and recover when it is back.
 */
abstract class SqlAppManagerContract {

    abstract SqlDialect dialect();

    /** The store's settings for the test server, with the given table. */
    abstract SqlAppStoreSettings settings(String table);

    /** A connection to the test database as the store's user. */
    abstract Connection connect() throws SQLException;

    abstract void crashDatabase();

    abstract void startDatabase();

    /** Short bounds for the outage test, but room for a first connection on a busy build machine. */
    SqlAppStoreSettings testSettings(String table) {
        return settings(table).withPool(true, 1, 2, 1, 2, 2)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    @Test
    void createsSockudosTableWhenItIsMissing() throws Exception {
        try (SqlAppManager store = SqlAppManager.open(testSettings("fresh_apps"))) {
            assertThat(columns("fresh_apps")).containsExactlyInAnyOrder(
                    "id", "key", "secret", "max_connections", "enable_client_messages", "enabled",
                    "max_backend_events_per_second", "max_client_events_per_second", "max_read_requests_per_second",
                    "max_presence_members_per_channel", "max_presence_member_size_in_kb", "max_channel_name_length",
                    "max_event_channels_at_once", "max_event_name_length", "max_event_payload_in_kb", "max_event_batch_size",
                    "enable_user_authentication", "enable_watchlist_events", "policy", "webhooks", "allowed_origins",
                    "channel_delta_compression", "idempotency", "connection_recovery", "created_at", "updated_at");
            assertThat(store.all().get(10, TimeUnit.SECONDS)).isEmpty();
        }
        // opening again finds the table as it is and changes nothing
        try (SqlAppManager again = SqlAppManager.open(testSettings("fresh_apps"))) {
            assertThat(again.findByKey("none").get(10, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void migratesTheTableOfAnEarlierSockudo() throws Exception {
        execute(earlierTable("early_apps"));
        insert("early_apps", row("early-1", "early-key", "early-secret")
                .with("max_connections", 50)
                .with("enable_client_messages", true)
                .with("max_client_events_per_second", 20)
                .with("max_event_payload_in_kb", 50)
                .with("enable_user_authentication", true));
        try (SqlAppManager store = SqlAppManager.open(testSettings("early_apps"))) {
            assertThat(columns("early_apps")).contains("allowed_origins", "enable_watchlist_events", "webhooks",
                    "channel_delta_compression", "idempotency", "connection_recovery", "policy");

            App app = store.findByKey("early-key").get(10, TimeUnit.SECONDS);
            assertThat(app).isEqualTo(App.builder("early-1", "early-key", "early-secret")
                    .maxConnections(50).enableClientMessages(true).maxClientEventsPerSecond(20)
                    .maxEventPayloadInKb(50).enableUserAuthentication(true).build());

            // the added columns are read like any other
            execute("UPDATE early_apps SET allowed_origins = '[\"https://app.example.com\"]', enable_watchlist_events = TRUE");
            App updated = store.findById("early-1").get(10, TimeUnit.SECONDS);
            assertThat(updated.allowedOrigins()).containsExactly("https://app.example.com");
            assertThat(updated.enableWatchlistEvents()).isTrue();
        }
    }

    @Test
    void readsEveryFieldOfTheFlatColumns() throws Exception {
        try (SqlAppManager store = SqlAppManager.open(testSettings("full_apps"))) {
            insert("full_apps", row("full-1", "full-key", "full-secret")
                    .with("max_connections", 1000)
                    .with("enable_client_messages", true)
                    .with("enabled", true)
                    .with("max_backend_events_per_second", 300)
                    .with("max_client_events_per_second", 30)
                    .with("max_read_requests_per_second", 400)
                    .with("max_presence_members_per_channel", 50)
                    .with("max_presence_member_size_in_kb", 4)
                    .with("max_channel_name_length", 150)
                    .with("max_event_channels_at_once", 20)
                    .with("max_event_name_length", 120)
                    .with("max_event_payload_in_kb", 64)
                    .with("max_event_batch_size", 5)
                    .with("enable_user_authentication", true)
                    .with("enable_watchlist_events", true)
                    .with("webhooks", """
                            [{"url": "https://hooks.example.com/pusher", "event_types": ["channel_occupied", "member_added"],
                              "filter": {"channel_prefix": "presence-", "channel_suffix": "-room", "channel_pattern": "^presence-[a-z]+"},
                              "headers": {"X-Token": "t0k"}}]""")
                    .with("allowed_origins", "[\"https://app.example.com\", \"*.example.org\"]")
                    .with("channel_delta_compression", """
                            {"market-*": "fossil", "quiet": "disabled",
                             "prices": {"enabled": true, "algorithm": "xdelta3", "conflation_key": "symbol", "enable_tags": false}}""")
                    .with("idempotency", "{\"enabled\": true, \"ttl_seconds\": 60}")
                    .with("connection_recovery", "{\"enabled\": false}"));

            App expected = App.builder("full-1", "full-key", "full-secret")
                    .maxConnections(1000).enableClientMessages(true).enabled(true)
                    .maxBackendEventsPerSecond(300).maxClientEventsPerSecond(30).maxReadRequestsPerSecond(400)
                    .maxPresenceMembersPerChannel(50).maxPresenceMemberSizeInKb(4).maxChannelNameLength(150)
                    .maxEventChannelsAtOnce(20).maxEventNameLength(120).maxEventPayloadInKb(64).maxEventBatchSize(5)
                    .enableUserAuthentication(true).enableWatchlistEvents(true)
                    .allowedOrigins(List.of("https://app.example.com", "*.example.org"))
                    .channelDeltaCompression(Map.of(
                            "market-*", new ChannelDeltaSetting(true, "fossil", null, null),
                            "quiet", ChannelDeltaSetting.DISABLED,
                            "prices", new ChannelDeltaSetting(true, "xdelta3", "symbol", false)))
                    .build();
            for (App app : List.of(store.findByKey("full-key").get(10, TimeUnit.SECONDS),
                    store.findById("full-1").get(10, TimeUnit.SECONDS))) {
                assertThat(app.toBuilder().webhooks(List.of()).build()).isEqualTo(expected);
                assertThat(app.webhooks()).hasSize(1);
                Webhook hook = app.webhooks().get(0);
                assertThat(hook.url()).isEqualTo("https://hooks.example.com/pusher");
                assertThat(hook.eventTypes()).containsExactlyInAnyOrder("channel_occupied", "member_added");
                assertThat(hook.channelPrefix()).isEqualTo("presence-");
                assertThat(hook.channelSuffix()).isEqualTo("-room");
                assertThat(hook.channelPattern().pattern()).isEqualTo("^presence-[a-z]+");
                assertThat(hook.headers()).isEqualTo(Map.of("X-Token", "t0k"));
            }
        }
    }

    @Test
    void aPolicyColumnIsTheWholeTruthAsInSockudo() throws Exception {
        try (SqlAppManager store = SqlAppManager.open(testSettings("policy_apps"))) {
            insert("policy_apps", row("pol-1", "pol-key", "pol-secret")
                    .with("max_connections", 5)
                    .with("max_client_events_per_second", 5)
                    .with("enable_client_messages", false)
                    .with("enabled", false)
                    .with("policy", """
                            {"limits": {"max_connections": 7, "max_client_events_per_second": "12", "max_event_batch_size": 3},
                             "features": {"enable_client_messages": true, "enable_user_authentication": true},
                             "channels": {"allowed_origins": ["https://policy.example.com"]},
                             "webhooks": [{"url": "http://127.0.0.1:9/hook", "event_types": ["channel_vacated"]}]}"""));
            App app = store.findByKey("pol-key").get(10, TimeUnit.SECONDS);
            assertThat(app.enabled()).isFalse();
            assertThat(app.maxConnections()).isEqualTo(7);
            assertThat(app.maxClientEventsPerSecond()).isEqualTo(12);
            assertThat(app.maxEventBatchSize()).isEqualTo(3);
            assertThat(app.maxEventPayloadBytes()).isEqualTo(App.DEFAULT_MAX_EVENT_PAYLOAD_KB * 1024);
            assertThat(app.enableClientMessages()).isTrue();
            assertThat(app.enableUserAuthentication()).isTrue();
            assertThat(app.allowedOrigins()).containsExactly("https://policy.example.com");
            assertThat(app.webhooks()).extracting(Webhook::url).containsExactly("http://127.0.0.1:9/hook");
        }
    }

    @Test
    void unsetLimitsKeepPusherDefaultsAndUnknownAppsAreNull() throws Exception {
        try (SqlAppManager store = SqlAppManager.open(testSettings("plain_apps"))) {
            insert("plain_apps", row("plain-1", "plain-key", "plain-secret")
                    .with("max_connections", 0)
                    .with("max_client_events_per_second", 10));
            assertThat(store.findByKey("plain-key").get(10, TimeUnit.SECONDS))
                    .isEqualTo(App.builder("plain-1", "plain-key", "plain-secret").build());
            assertThat(store.findByKey("plain-1").get(10, TimeUnit.SECONDS)).isNull();
            assertThat(store.findById("plain-key").get(10, TimeUnit.SECONDS)).isNull();
            assertThat(store.findById("nobody").get(10, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void aMalformedRowIsSkippedAndTheOthersStillServe() throws Exception {
        try (SqlAppManager store = SqlAppManager.open(testSettings("mixed_apps"))) {
            insert("mixed_apps", row("good", "good-key", "s").with("max_connections", 0).with("max_client_events_per_second", 10));
            insert("mixed_apps", row("bad-webhook", "bad-webhook-key", "s").with("max_connections", 0)
                    .with("max_client_events_per_second", 10)
                    .with("webhooks", "[{\"url\": \"ftp://nowhere\", \"event_types\": []}]"));
            insert("mixed_apps", row("bad-delta", "bad-delta-key", "s").with("max_connections", 0)
                    .with("max_client_events_per_second", 10)
                    .with("channel_delta_compression", "{\"x\": \"brotli\"}"));
            // both databases check that JSON columns hold JSON, but not its shape
            insert("mixed_apps", row("bad-origins", "bad-origins-key", "s").with("max_connections", 0)
                    .with("max_client_events_per_second", 10)
                    .with("allowed_origins", "{\"origin\": \"https://app.example.com\"}"));
            assertThat(store.findByKey("bad-origins-key").get(10, TimeUnit.SECONDS)).isNull();
            assertThat(store.findByKey("bad-webhook-key").get(10, TimeUnit.SECONDS)).isNull();
            assertThat(store.findById("bad-delta").get(10, TimeUnit.SECONDS)).isNull();
            assertThat(store.all().get(10, TimeUnit.SECONDS)).extracting(App::id).containsExactly("good");
            assertThat(store.findByKey("good-key").get(10, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void aCrashedDatabaseFailsLookupsWithinTheBoundAndTheStoreRecoversWhenItIsBack() throws Exception {
        try (SqlAppManager store = SqlAppManager.open(testSettings("outage_apps"))) {
            insert("outage_apps", row("up-1", "up-key", "s").with("max_connections", 0).with("max_client_events_per_second", 10));
            assertThat(store.findByKey("up-key").get(10, TimeUnit.SECONDS)).isNotNull();
            long bound = store.settings().lookupBound().toMillis();

            crashDatabase();
            try {
                for (int i = 0; i < 3; i++) {
                    // a pooled connection that died, then no connection at all: both fail, neither hangs
                    assertThatThrownBy(() -> store.findByKey("up-key").get(bound + 2_000, TimeUnit.MILLISECONDS))
                            .isInstanceOf(ExecutionException.class)
                            .cause().isInstanceOf(AppStoreException.class)
                            .hasMessageContaining("up-key");
                }
                assertThatThrownBy(() -> store.checkHealth().get(bound + 2_000, TimeUnit.MILLISECONDS))
                        .isInstanceOf(ExecutionException.class);
            } finally {
                startDatabase();
            }

            App back = null;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (back == null && System.nanoTime() < end) {
                try {
                    back = store.findByKey("up-key").get(bound + 2_000, TimeUnit.MILLISECONDS);
                } catch (ExecutionException stillRecovering) {
                    Thread.sleep(200);
                }
            }
            assertThat(back).as("the same store answers again once the database is back").isNotNull();
            assertThat(back.id()).isEqualTo("up-1");
            store.checkHealth().get(bound + 2_000, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void openingAgainstADatabaseThatIsNotThereFailsClearly() throws Exception {
        int nothing;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nothing = s.getLocalPort();
        }
        SqlAppStoreSettings settings = testSettings("any_apps").withAddress("127.0.0.1", nothing);
        assertThatThrownBy(() -> SqlAppManager.open(settings))
                .isInstanceOf(AppStoreException.class)
                .hasMessageContaining("cannot connect to the app database")
                .hasMessageContaining("127.0.0.1:" + nothing)
                .hasMessageNotContaining(":" + settings.password() + "@");
    }

    // ---- helpers

    /** sockudo's first layout: no allowed_origins, watchlist, webhooks, delta, idempotency, recovery or policy. */
    String earlierTable(String table) {
        if (dialect() == SqlDialect.MYSQL) {
            return "CREATE TABLE `" + table + "` (id VARCHAR(255) PRIMARY KEY, `key` VARCHAR(255) UNIQUE NOT NULL,"
                    + " secret VARCHAR(255) NOT NULL, max_connections INT UNSIGNED NOT NULL,"
                    + " enable_client_messages BOOLEAN NOT NULL DEFAULT FALSE, enabled BOOLEAN NOT NULL DEFAULT TRUE,"
                    + " max_backend_events_per_second INT UNSIGNED NULL, max_client_events_per_second INT UNSIGNED NOT NULL,"
                    + " max_read_requests_per_second INT UNSIGNED NULL, max_presence_members_per_channel INT UNSIGNED NULL,"
                    + " max_presence_member_size_in_kb INT UNSIGNED NULL, max_channel_name_length INT UNSIGNED NULL,"
                    + " max_event_channels_at_once INT UNSIGNED NULL, max_event_name_length INT UNSIGNED NULL,"
                    + " max_event_payload_in_kb INT UNSIGNED NULL, max_event_batch_size INT UNSIGNED NULL,"
                    + " enable_user_authentication BOOLEAN NULL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,"
                    + " updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP)"
                    + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci";
        }
        return "CREATE TABLE " + table + " (id VARCHAR(255) PRIMARY KEY, key VARCHAR(255) UNIQUE NOT NULL,"
                + " secret VARCHAR(255) NOT NULL, max_connections INTEGER NOT NULL,"
                + " enable_client_messages BOOLEAN NOT NULL DEFAULT FALSE, enabled BOOLEAN NOT NULL DEFAULT TRUE,"
                + " max_backend_events_per_second INTEGER, max_client_events_per_second INTEGER NOT NULL,"
                + " max_read_requests_per_second INTEGER, max_presence_members_per_channel INTEGER,"
                + " max_presence_member_size_in_kb INTEGER, max_channel_name_length INTEGER,"
                + " max_event_channels_at_once INTEGER, max_event_name_length INTEGER,"
                + " max_event_payload_in_kb INTEGER, max_event_batch_size INTEGER,"
                + " enable_user_authentication BOOLEAN, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,"
                + " updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)";
    }

    static Row row(String id, String key, String secret) {
        return new Row(new LinkedHashMap<>(Map.of("id", id, "key", key, "secret", secret)));
    }

    record Row(Map<String, Object> values) {
        Row with(String column, Object value) {
            values.put(column, value);
            return this;
        }
    }

    void insert(String table, Row row) throws SQLException {
        List<String> names = new ArrayList<>(row.values().keySet());
        String sql = "INSERT INTO " + dialect().table(table) + " ("
                + String.join(", ", names.stream().map(dialect()::column).toList()) + ") VALUES ("
                + String.join(", ", names.stream().map(n -> "?").toList()) + ")";
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < names.size(); i++) {
                q.setObject(i + 1, row.values().get(names.get(i)));
            }
            q.executeUpdate();
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    Set<String> columns(String table) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(dialect().columnsQuery())) {
            q.setString(1, dialect().catalogName(table));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    static Connection connect(String url, String user, String password) throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
