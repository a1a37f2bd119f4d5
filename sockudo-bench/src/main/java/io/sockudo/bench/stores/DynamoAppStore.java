package io.sockudo.bench.stores;

import io.sockudo.testkit.services.DynaliteServer;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code dynamodb} against dynalite (from the Node test tools), started in a temporary directory;
 * apps are put as items of sockudo's {@code sockudo-applications} table, which the server
 * creates when it starts.
 */
final class DynamoAppStore implements AppStoreUnderTest {

    private static final String TABLE = "sockudo-applications";
    private static final String REGION = "us-east-1";

    private final DynaliteServer dynalite;
    private final DynamoDbClient client;

    private DynamoAppStore(DynaliteServer dynalite) {
        this.dynalite = dynalite;
        this.client = DynamoDbClient.builder()
                .region(Region.of(REGION))
                .endpointOverride(dynalite.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    static DynamoAppStore start() throws Exception {
        return new DynamoAppStore(DynaliteServer.create());
    }

    @Override
    public String driver() {
        return "dynamodb";
    }

    @Override
    public String configMembers(List<BenchApp> apps, int cacheTtlSeconds) {
        return "\"app_manager\": {\"driver\": \"dynamodb\", \"cache\": {\"enabled\": true, \"ttl\": " + cacheTtlSeconds + "}},\n"
                + "  \"database\": {\"dynamodb\": {\"region\": \"" + REGION + "\", \"table_name\": \"" + TABLE
                + "\", \"endpoint_url\": \"" + dynalite.endpoint() + "\", \"aws_access_key_id\": \"bench\", "
                + "\"aws_secret_access_key\": \"bench\"}}";
    }

    @Override
    public void insert(List<BenchApp> apps) {
        AttributeValue zero = AttributeValue.fromN("0");
        for (BenchApp a : apps) {
            client.putItem(r -> r.tableName(TABLE).item(Map.of(
                    "id", AttributeValue.fromS(a.id()), "key", AttributeValue.fromS(a.key()),
                    "secret", AttributeValue.fromS(a.secret()), "enabled", AttributeValue.fromBool(true),
                    "max_connections", zero, "max_client_events_per_second", zero,
                    "max_backend_events_per_second", zero, "max_read_requests_per_second", zero)));
        }
    }

    @Override
    public void close() {
        client.close();
        dynalite.close();
    }
}
