package io.sockudo.store.app.dynamodb;

import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * sockudo's DynamoDB app table: hash key {@code id} (S) and a global secondary index
 * {@code KeyIndex} on {@code key} (S) projecting every attribute, 5 read and 5 write units on
 * both, as sockudo creates it.
 */
final class AppTableLayout {

    private static final System.Logger LOG = System.getLogger(AppTableLayout.class.getName());

    private AppTableLayout() {
    }

    /** Creates the table when it is missing and waits until it is active. */
    static void ensure(DynamoDbClient client, String table, Duration wait) {
        try {
            client.describeTable(r -> r.tableName(table));
            return;
        } catch (ResourceNotFoundException missing) {
            // created below
        }
        ProvisionedThroughput units = ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(5L).build();
        try {
            client.createTable(r -> r
                    .tableName(table)
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName("key").attributeType(ScalarAttributeType.S).build())
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                            .indexName(DynamoDbAppManager.KEY_INDEX)
                            .keySchema(KeySchemaElement.builder().attributeName("key").keyType(KeyType.HASH).build())
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                            .provisionedThroughput(units)
                            .build())
                    .provisionedThroughput(units));
            LOG.log(System.Logger.Level.INFO, "created the DynamoDB app table {0}", table);
        } catch (ResourceInUseException createdByAnotherNode) {
            // another node created it first; wait for it like for ours
        }
        awaitActive(client, table, wait);
    }

    /** Polls every 200 ms (the SDK's waiter waits 20 s between looks). */
    private static void awaitActive(DynamoDbClient client, String table, Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                if (client.describeTable(r -> r.tableName(table)).table().tableStatus() == TableStatus.ACTIVE) {
                    return;
                }
            } catch (ResourceNotFoundException notYetVisible) {
                // eventually consistent: the new table may take a moment to show
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the DynamoDB table " + table + " is not active after " + wait);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the table " + table, e);
            }
        }
    }
}
