package io.sockudo.bench.stores;

import java.util.List;

/**
 * One {@code app_manager.driver} with its database: the server configuration that points at it
 * and a way to put apps in it the way an operator would (rows, items), behind the server's back.
 * Closing stops the database the benchmark started.
 */
interface AppStoreUnderTest extends AutoCloseable {

    /** The driver name as the configuration spells it. */
    String driver();

    /**
     * The {@code app_manager} and {@code database} members of the server's configuration (JSON,
     * without the surrounding braces); {@code apps} are the apps a memory store is configured with.
     */
    String configMembers(List<BenchApp> apps, int cacheTtlSeconds);

    /** Stores the apps in the database (nothing for the memory driver, whose apps are in the configuration). */
    void insert(List<BenchApp> apps) throws Exception;

    /**
     * Statements the database has run so far (all clients), to show whether a measured stretch
     * reached it; -1 where the database does not say.
     */
    default long statementsRun() throws Exception {
        return -1;
    }

    @Override
    void close();

    /** The limits every benchmark app has, whatever the store: none, so nothing but the store differs. */
    static String unlimited() {
        return "\"max_connections\": 0, \"max_client_events_per_second\": 0, \"max_backend_events_per_second\": 0, "
                + "\"max_read_requests_per_second\": 0";
    }

    /**
     * Starts the database a driver needs, in a temporary directory on a free loopback port.
     *
     * @param driver memory, mysql, postgres or dynamodb
     */
    static AppStoreUnderTest start(String driver) throws Exception {
        return switch (driver) {
            case "memory" -> new MemoryAppStore();
            case "mysql" -> SqlAppStore.mariaDb();
            case "postgres" -> SqlAppStore.postgres();
            case "dynamodb" -> DynamoAppStore.start();
            default -> throw new IllegalArgumentException("no app store " + driver + " (memory, mysql, postgres, dynamodb)");
        };
    }
}
