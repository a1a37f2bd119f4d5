package io.sockudo.store.app.dynamodb;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.AppManager;
import io.sockudo.adapter.health.Health;
import io.sockudo.store.app.stored.AppStoreException;
import io.sockudo.store.app.stored.MalformedAppException;
import io.sockudo.store.app.stored.MalformedAppLog;
import io.sockudo.store.app.stored.StoreCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Apps in sockudo's DynamoDB table ({@code app_manager.driver = dynamodb}): table
 * {@code sockudo-applications}, hash key {@code id}, global secondary index {@code KeyIndex} on
 * {@code key}. Lookups by id are a GetItem, by key a Query on the index, the listing a Scan.
 *
 * <p>Calls run on the store's own threads and each completes within
 * {@link DynamoDbAppStoreSettings#lookupBound()}: with the app, null, or an
 * {@link AppStoreException}. An item that cannot be read is logged once and treated as no app.
 * The HTTP client is the JDK's, and reconnects on every call, so an endpoint that comes back is
 * used again at once.
 */
public final class DynamoDbAppManager implements AppManager, AutoCloseable {

    static final String KEY_INDEX = "KeyIndex";

    private final DynamoDbAppStoreSettings settings;
    private final DynamoDbClient client;
    private final StoreCalls calls;
    private final MalformedAppLog malformed = new MalformedAppLog();

    private DynamoDbAppManager(DynamoDbAppStoreSettings settings, DynamoDbClient client) {
        this.settings = settings;
        this.client = client;
        this.calls = new StoreCalls("dynamodb", settings.threads(), 1024, settings.lookupBound());
    }

    /**
     * Builds the client and, like sockudo, creates the table with its index when it is missing.
     * Blocks: call it at startup.
     *
     * @throws AppStoreException when DynamoDB cannot be reached or the table cannot be created
     */
    public static DynamoDbAppManager open(DynamoDbAppStoreSettings settings) {
        DynamoDbClient client = client(settings);
        try {
            AppTableLayout.ensure(client, settings.tableName(), Duration.ofSeconds(30));
        } catch (SdkException | IllegalStateException e) {
            client.close();
            throw new AppStoreException("cannot prepare the app table " + settings + ": " + e.getMessage(), e);
        }
        return new DynamoDbAppManager(settings, client);
    }

    private static DynamoDbClient client(DynamoDbAppStoreSettings s) {
        Duration attempt = s.callTimeout().dividedBy(2);
        DynamoDbClientBuilder b = DynamoDbClient.builder()
                .region(Region.of(s.region()))
                .credentialsProvider(credentials(s))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(attempt)
                        .socketTimeout(attempt))
                // two attempts, so that one dropped connection is retried and an outage still
                // answers within the call timeout
                .overrideConfiguration(o -> o
                        .apiCallTimeout(s.callTimeout())
                        .apiCallAttemptTimeout(attempt)
                        .retryStrategy(r -> r.maxAttempts(2)));
        if (s.endpointUrl() != null) {
            b.endpointOverride(s.endpointUrl());
        }
        return b.build();
    }

    private static AwsCredentialsProvider credentials(DynamoDbAppStoreSettings s) {
        if (s.accessKeyId() != null && s.secretAccessKey() != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey()));
        }
        if (s.profileName() != null) {
            return ProfileCredentialsProvider.create(s.profileName());
        }
        return DefaultCredentialsProvider.builder().build();
    }

    public DynamoDbAppStoreSettings settings() {
        return settings;
    }

    @Override
    public CompletableFuture<App> findById(String id) {
        return calls.call("lookup of app '" + id + "'", () -> {
            Map<String, AttributeValue> item = client.getItem(r -> r
                    .tableName(settings.tableName())
                    .key(Map.of("id", AttributeValue.fromS(id)))).item();
            return item == null || item.isEmpty() ? null : read(item);
        });
    }

    @Override
    public CompletableFuture<App> findByKey(String key) {
        return calls.call("lookup of key '" + key + "'", () -> {
            QueryResponse found = client.query(r -> r
                    .tableName(settings.tableName())
                    .indexName(KEY_INDEX)
                    .keyConditionExpression("#k = :k")
                    .expressionAttributeNames(Map.of("#k", "key"))
                    .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(key)))
                    .limit(1));
            return found.items().isEmpty() ? null : read(found.items().get(0));
        });
    }

    @Override
    public CompletableFuture<List<App>> all() {
        return calls.call("listing of apps", () -> {
            List<App> apps = new ArrayList<>();
            client.scanPaginator(ScanRequest.builder().tableName(settings.tableName()).build())
                    .items()
                    .forEach(item -> {
                        App app = read(item);
                        if (app != null) {
                            apps.add(app);
                        }
                    });
            return List.copyOf(apps);
        });
    }

    /** Completes normally when the table can be described in time (for {@code /up}). */
    public CompletableFuture<Void> checkHealth() {
        return calls.call("health check", () -> {
            client.describeTable(r -> r.tableName(settings.tableName()));
            return null;
        });
    }

    private App read(Map<String, AttributeValue> item) {
        try {
            return AppItem.read(item);
        } catch (MalformedAppException e) {
            malformed.skipped(e);
            return null;
        }
    }

    /** For {@code /up}: the table answers within the call bound. */
    @Override
    public CompletableFuture<Health> health() {
        return Health.of(checkHealth());
    }

    @Override
    public void close() {
        calls.close();
        client.close();
    }
}
