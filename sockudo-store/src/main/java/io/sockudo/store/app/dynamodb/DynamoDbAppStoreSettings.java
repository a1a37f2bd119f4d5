package io.sockudo.store.app.dynamodb;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * sockudo's {@code database.dynamodb} section, plus the bound on one call.
 *
 * @param region          {@code region} (us-east-1)
 * @param tableName       {@code table_name} (sockudo-applications)
 * @param endpointUrl     {@code endpoint_url}, for DynamoDB Local and the like; null for AWS
 * @param accessKeyId     {@code aws_access_key_id}; with the secret, static credentials
 * @param secretAccessKey {@code aws_secret_access_key}
 * @param profileName     {@code aws_profile_name}; used when no static credentials are given.
 *                        With neither, the SDK's default chain (environment, profile, instance role)
 * @param callTimeout     how long one call may take, retries included
 * @param threads         how many calls run at once
 */
public record DynamoDbAppStoreSettings(String region, String tableName, URI endpointUrl, String accessKeyId,
                                       String secretAccessKey, String profileName, Duration callTimeout, int threads) {

    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(5);

    public DynamoDbAppStoreSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (tableName.isEmpty()) {
            throw new IllegalArgumentException("database.dynamodb.table_name must not be empty");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("the DynamoDB app store needs at least one thread");
        }
        if (callTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("the DynamoDB call timeout must be at least 100 ms");
        }
    }

    /** sockudo's defaults: us-east-1, table sockudo-applications, AWS itself, the default credentials. */
    public static DynamoDbAppStoreSettings defaults() {
        return new DynamoDbAppStoreSettings("us-east-1", "sockudo-applications", null, null, null, null, DEFAULT_CALL_TIMEOUT, 10);
    }

    public DynamoDbAppStoreSettings withEndpoint(URI endpointUrl) {
        return new DynamoDbAppStoreSettings(region, tableName, endpointUrl, accessKeyId, secretAccessKey, profileName, callTimeout, threads);
    }

    public DynamoDbAppStoreSettings withCredentials(String accessKeyId, String secretAccessKey) {
        return new DynamoDbAppStoreSettings(region, tableName, endpointUrl, accessKeyId, secretAccessKey, profileName, callTimeout, threads);
    }

    public DynamoDbAppStoreSettings withTable(String tableName) {
        return new DynamoDbAppStoreSettings(region, tableName, endpointUrl, accessKeyId, secretAccessKey, profileName, callTimeout, threads);
    }

    public DynamoDbAppStoreSettings withCallTimeout(Duration callTimeout) {
        return new DynamoDbAppStoreSettings(region, tableName, endpointUrl, accessKeyId, secretAccessKey, profileName, callTimeout, threads);
    }

    /** The longest a caller waits for one lookup: the call, and a little for the SDK to report it. */
    public Duration lookupBound() {
        return callTimeout.plusMillis(500);
    }

    @Override
    public String toString() {
        // never the secret
        return "dynamodb " + tableName + " in " + region + (endpointUrl == null ? "" : " at " + endpointUrl);
    }
}
