package io.sockudo.server.stores;

import io.sockudo.testkit.JsonTree;
import io.sockudo.testkit.Poll;
import io.sockudo.testkit.services.DynaliteServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * DynamoDB ({@code dynamodb}) as dynalite, with the table laid out as sockudo documents it (hash
 * key {@code id}, global secondary index {@code KeyIndex} on {@code key}, 5/5 units), created here
 * before the server starts, as an operator would; apps are written as items.
 *
 * <p>The test speaks DynamoDB's JSON protocol itself, as the AWS CLI does, rather than through the
 * AWS SDK: the SDK reaches the server only at runtime through the store module, and declaring it
 * here for the tests would change what the server ships with. dynalite checks that a request is
 * signed, not the signature.
 */
final class DynamoAppDatabase implements AppDatabase {

    private static final String TABLE = "sockudo-applications";
    private static final String REGION = "us-east-1";
    private static final String ACCESS_KEY = "test";
    private static final String SECRET_KEY = "test";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final DynaliteServer dynalite;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DynamoAppDatabase(DynaliteServer dynalite) {
        this.dynalite = dynalite;
    }

    static DynamoAppDatabase dynalite() throws IOException {
        DynamoAppDatabase db = new DynamoAppDatabase(DynaliteServer.create());
        try {
            db.createTable();
            return db;
        } catch (IOException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private void createTable() throws IOException {
        String units = "{\"ReadCapacityUnits\": 5, \"WriteCapacityUnits\": 5}";
        call("CreateTable", """
                {"TableName": "%s",
                 "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                 "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "key", "AttributeType": "S"}],
                 "GlobalSecondaryIndexes": [{"IndexName": "KeyIndex", "KeySchema": [{"AttributeName": "key", "KeyType": "HASH"}],
                                             "Projection": {"ProjectionType": "ALL"}, "ProvisionedThroughput": %s}],
                 "ProvisionedThroughput": %s}""".formatted(TABLE, units, units));
        Poll.until("the app table is active", Duration.ofSeconds(10), this::tableStatus, "ACTIVE"::equals);
    }

    private String tableStatus() {
        try {
            Map<String, Object> answer = JsonTree.object(call("DescribeTable", "{\"TableName\": \"" + TABLE + "\"}"));
            return String.valueOf(((Map<?, ?>) answer.get("Table")).get("TableStatus"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String driver() {
        return "dynamodb";
    }

    @Override
    public String configSection(int connectionTimeoutMillis, int queryTimeoutMillis) {
        // DynamoDB has one bound per call, connecting included
        return """
                "dynamodb": {"region": "%s", "table_name": "%s", "endpoint_url": "%s",
                             "aws_access_key_id": "%s", "aws_secret_access_key": "%s", "request_timeout_ms": %d}"""
                .formatted(REGION, TABLE, dynalite.endpoint(), ACCESS_KEY, SECRET_KEY, connectionTimeoutMillis + queryTimeoutMillis);
    }

    @Override
    public void insert(String id, String key, String secret) throws IOException {
        call("PutItem", """
                {"TableName": "%s", "Item": {"id": {"S": "%s"}, "key": {"S": "%s"}, "secret": {"S": "%s"}, "enabled": {"BOOL": true},
                                            "max_connections": {"N": "0"}, "max_client_events_per_second": {"N": "0"}}}"""
                .formatted(TABLE, id, key, secret));
    }

    @Override
    public void setEnabled(String id, boolean enabled) throws IOException {
        call("UpdateItem", """
                {"TableName": "%s", "Key": {"id": {"S": "%s"}}, "UpdateExpression": "SET enabled = :e",
                 "ConditionExpression": "attribute_exists(id)", "ExpressionAttributeValues": {":e": {"BOOL": %b}}}"""
                .formatted(TABLE, id, enabled));
    }

    /** One DynamoDB call; returns the answer's JSON, fails on an error answer. */
    private String call(String operation, String json) throws IOException {
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(AMZ_DATE);
        HttpRequest request = HttpRequest.newBuilder(dynalite.endpoint())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header("X-Amz-Date", date)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/" + date.substring(0, 8) + "/" + REGION
                        + "/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IOException(operation + " answered " + answer.statusCode() + ": " + answer.body());
            }
            return answer.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during " + operation, e);
        }
    }

    @Override
    public void crash() {
        dynalite.kill();
    }

    @Override
    public void restart() {
        dynalite.restart();
    }

    @Override
    public void close() {
        dynalite.close();
    }

    @Override
    public String toString() {
        return driver();
    }
}
