package io.sockudo.store.app.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.ChannelDeltaSetting;
import io.sockudo.adapter.app.Webhook;
import io.sockudo.store.app.stored.AppStoreException;
import io.sockudo.testkit.services.DynaliteServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The DynamoDB app store ({@code app_manager.driver = dynamodb}) against dynalite. */
class DynamoDbAppManagerTest {

    private static DynaliteServer dynamo;
    private static DynamoDbClient admin;

    @BeforeAll
    static void startServer() throws Exception {
        dynamo = DynaliteServer.create();
        admin = DynamoDbClient.builder()
                .region(Region.EU_WEST_1)
                .endpointOverride(dynamo.endpoint())
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test"))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterAll
    static void stopServer() {
        if (admin != null) {
            admin.close();
        }
        if (dynamo != null) {
            dynamo.close();
        }
    }

    private static DynamoDbAppStoreSettings settings(String table) {
        return new DynamoDbAppStoreSettings("eu-west-1", table, dynamo.endpoint(), "test", "test", null,
                Duration.ofSeconds(2), 2);
    }

    @Test
    void createsSockudosTableWithItsKeyIndexWhenItIsMissing() throws Exception {
        try (DynamoDbAppManager store = DynamoDbAppManager.open(settings("sockudo-applications"))) {
            TableDescription t = admin.describeTable(r -> r.tableName("sockudo-applications")).table();
            assertThat(t.keySchema()).singleElement().satisfies(k -> {
                assertThat(k.attributeName()).isEqualTo("id");
                assertThat(k.keyType()).isEqualTo(KeyType.HASH);
            });
            assertThat(t.globalSecondaryIndexes()).singleElement().satisfies(index -> {
                assertThat(index.indexName()).isEqualTo("KeyIndex");
                assertThat(index.keySchema()).singleElement().satisfies(k -> {
                    assertThat(k.attributeName()).isEqualTo("key");
                    assertThat(k.keyType()).isEqualTo(KeyType.HASH);
                });
                assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
            });
            assertThat(store.all().get(10, TimeUnit.SECONDS)).isEmpty();
        }
        try (DynamoDbAppManager again = DynamoDbAppManager.open(settings("sockudo-applications"))) {
            assertThat(again.findByKey("none").get(10, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void readsEveryFieldOfTheFlatAttributes() throws Exception {
        try (DynamoDbAppManager store = DynamoDbAppManager.open(settings("flat-apps"))) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("id", s("flat-1"));
            item.put("key", s("flat-key"));
            item.put("secret", s("flat-secret"));
            item.put("enabled", AttributeValue.fromBool(true));
            item.put("max_connections", n(1000));
            item.put("enable_client_messages", AttributeValue.fromBool(true));
            item.put("max_backend_events_per_second", n(300));
            item.put("max_client_events_per_second", n(30));
            item.put("max_read_requests_per_second", n(400));
            item.put("max_presence_members_per_channel", n(50));
            item.put("max_presence_member_size_in_kb", n(4));
            item.put("max_channel_name_length", n(150));
            item.put("max_event_channels_at_once", n(20));
            item.put("max_event_name_length", n(120));
            item.put("max_event_payload_in_kb", n(64));
            item.put("max_event_batch_size", n(5));
            item.put("enable_user_authentication", AttributeValue.fromBool(true));
            item.put("enable_watchlist_events", AttributeValue.fromBool(true));
            item.put("allowed_origins", AttributeValue.fromL(List.of(s("https://app.example.com"), s("*.example.org"))));
            item.put("channel_delta_compression", s("{\"market-*\": \"fossil\", \"prices\": {\"algorithm\": \"xdelta3\", \"conflation_key\": \"symbol\"}}"));
            item.put("webhooks", s("[{\"url\": \"https://hooks.example.com/pusher\", \"event_types\": [\"channel_occupied\"],"
                    + " \"filter\": {\"channel_prefix\": \"private-\"}, \"headers\": {\"X-Token\": \"t0k\"}}]"));
            item.put("idempotency", s("{\"enabled\": true}"));
            admin.putItem(r -> r.tableName("flat-apps").item(item));

            App expected = App.builder("flat-1", "flat-key", "flat-secret")
                    .maxConnections(1000).enableClientMessages(true)
                    .maxBackendEventsPerSecond(300).maxClientEventsPerSecond(30).maxReadRequestsPerSecond(400)
                    .maxPresenceMembersPerChannel(50).maxPresenceMemberSizeInKb(4).maxChannelNameLength(150)
                    .maxEventChannelsAtOnce(20).maxEventNameLength(120).maxEventPayloadInKb(64).maxEventBatchSize(5)
                    .enableUserAuthentication(true).enableWatchlistEvents(true)
                    .allowedOrigins(List.of("https://app.example.com", "*.example.org"))
                    .channelDeltaCompression(Map.of(
                            "market-*", new ChannelDeltaSetting(true, "fossil", null, null),
                            "prices", new ChannelDeltaSetting(true, "xdelta3", "symbol", null)))
                    .build();
            for (App app : List.of(store.findByKey("flat-key").get(10, TimeUnit.SECONDS),
                    store.findById("flat-1").get(10, TimeUnit.SECONDS))) {
                assertThat(app.toBuilder().webhooks(List.of()).build()).isEqualTo(expected);
                assertThat(app.webhooks()).singleElement().satisfies(w -> {
                    assertThat(w.url()).isEqualTo("https://hooks.example.com/pusher");
                    assertThat(w.eventTypes()).containsExactly("channel_occupied");
                    assertThat(w.channelPrefix()).isEqualTo("private-");
                    assertThat(w.headers()).isEqualTo(Map.of("X-Token", "t0k"));
                });
            }
        }
    }

    @Test
    void readsTheItemsSockudoWritesTodayWithTheirPolicy() throws Exception {
        try (DynamoDbAppManager store = DynamoDbAppManager.open(settings("policy-apps"))) {
            admin.putItem(r -> r.tableName("policy-apps").item(Map.of(
                    "id", s("pol-1"), "key", s("pol-key"), "secret", s("pol-secret"), "enabled", AttributeValue.fromBool(false),
                    "policy", s("{\"limits\": {\"max_connections\": 7, \"max_client_events_per_second\": 12},"
                            + " \"features\": {\"enable_client_messages\": true},"
                            + " \"channels\": {\"allowed_origins\": [\"https://policy.example.com\"]},"
                            + " \"webhooks\": [{\"url\": \"http://127.0.0.1:9/hook\", \"event_types\": [\"channel_vacated\"]}]}"))));
            App app = store.findByKey("pol-key").get(10, TimeUnit.SECONDS);
            assertThat(app.enabled()).isFalse();
            assertThat(app.maxConnections()).isEqualTo(7);
            assertThat(app.maxClientEventsPerSecond()).isEqualTo(12);
            assertThat(app.enableClientMessages()).isTrue();
            assertThat(app.allowedOrigins()).containsExactly("https://policy.example.com");
            assertThat(app.webhooks()).extracting(Webhook::url).containsExactly("http://127.0.0.1:9/hook");
            assertThat(store.findById("pol-key").get(10, TimeUnit.SECONDS)).isNull();
            assertThat(store.findByKey("pol-1").get(10, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void aMalformedItemIsSkippedAndTheOthersStillServe() throws Exception {
        try (DynamoDbAppManager store = DynamoDbAppManager.open(settings("mixed-apps"))) {
            admin.putItem(r -> r.tableName("mixed-apps").item(Map.of("id", s("good"), "key", s("good-key"), "secret", s("s"))));
            admin.putItem(r -> r.tableName("mixed-apps").item(Map.of("id", s("bad-json"), "key", s("bad-json-key"), "secret", s("s"),
                    "policy", s("{\"limits\": "))));
            admin.putItem(r -> r.tableName("mixed-apps").item(Map.of("id", s("bad-type"), "key", s("bad-type-key"), "secret", s("s"),
                    "max_connections", s("lots"))));
            admin.putItem(r -> r.tableName("mixed-apps").item(Map.of("id", s("no-secret"), "key", s("no-secret-key"))));
            assertThat(store.findByKey("bad-json-key").get(10, TimeUnit.SECONDS)).isNull();
            assertThat(store.findById("bad-type").get(10, TimeUnit.SECONDS)).isNull();
            assertThat(store.findByKey("no-secret-key").get(10, TimeUnit.SECONDS)).isNull();
            assertThat(store.all().get(10, TimeUnit.SECONDS)).extracting(App::id).containsExactly("good");
            assertThat(store.findByKey("good-key").get(10, TimeUnit.SECONDS))
                    .isEqualTo(App.builder("good", "good-key", "s").build());
        }
    }

    @Test
    void aCrashedEndpointFailsLookupsWithinTheBoundAndTheStoreRecoversWhenItIsBack() throws Exception {
        try (DynamoDbAppManager store = DynamoDbAppManager.open(settings("outage-apps"))) {
            admin.putItem(r -> r.tableName("outage-apps").item(Map.of("id", s("up-1"), "key", s("up-key"), "secret", s("s"))));
            assertThat(store.findByKey("up-key").get(10, TimeUnit.SECONDS)).isNotNull();
            long bound = store.settings().lookupBound().toMillis();

            dynamo.kill();
            try {
                for (int i = 0; i < 2; i++) {
                    assertThatThrownBy(() -> store.findByKey("up-key").get(bound + 2_000, TimeUnit.MILLISECONDS))
                            .isInstanceOf(ExecutionException.class)
                            .cause().isInstanceOf(AppStoreException.class)
                            .hasMessageContaining("up-key");
                }
                assertThatThrownBy(() -> store.checkHealth().get(bound + 2_000, TimeUnit.MILLISECONDS))
                        .isInstanceOf(ExecutionException.class);
            } finally {
                dynamo.restart();
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
            assertThat(back).as("the same store answers again once the endpoint is back").isNotNull();
            assertThat(back.id()).isEqualTo("up-1");
            store.checkHealth().get(bound + 2_000, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void openingAgainstAnEndpointThatIsNotThereFailsClearly() throws Exception {
        int nothing;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nothing = s.getLocalPort();
        }
        DynamoDbAppStoreSettings settings = settings("any-apps").withEndpoint(java.net.URI.create("http://127.0.0.1:" + nothing));
        assertThatThrownBy(() -> DynamoDbAppManager.open(settings))
                .isInstanceOf(AppStoreException.class)
                .hasMessageContaining("cannot prepare the app table dynamodb any-apps in eu-west-1 at http://127.0.0.1:" + nothing);
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
