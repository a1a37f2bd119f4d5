package io.sockudo.server.stores;

import static org.assertj.core.api.Assertions.assertThat;

import com.pusher.client.PusherOptions;
import com.pusher.client.channel.PusherEvent;
import io.sockudo.server.SockudoServer;
import io.sockudo.server.config.ConfigLoader;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.JavaClients;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.JsonTree;
import io.sockudo.testkit.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server with its apps in a real database, configured as an operator would
 * ({@code app_manager.driver}, {@code database.*}, {@code app_manager.cache.ttl}), judged by the
 * stock pusher-java-client and the HTTP API: an app inserted in the database connects, disabling
 * it refuses new connections once the cache TTL has passed, a crashed database leaves the apps in
 * use working while apps never seen are refused clearly and in bounded time, and a restarted
 * database is used again without any help. The same story for each driver the server has for
 * apps: {@code mysql} (MariaDB), {@code postgres} (PostgreSQL) and {@code dynamodb} (dynalite),
 * each database started by the test.
 */
class AppStoreEndToEndTest {

    /** What the config file sets for the database's lookups, so the outage is answered quickly. */
    private static final int CONNECTION_TIMEOUT_MS = 1000;
    private static final int QUERY_TIMEOUT_MS = 1000;
    /** connection + query + a margin, rounded up generously for a busy machine. */
    private static final Duration LOOKUP_BOUND = Duration.ofSeconds(5);

    private AppDatabase db;
    private SockudoServer server;
    private com.pusher.client.Pusher client;
    private Path configDir;

    /** Starts one database; each run of the test starts its own and stops it after. */
    @FunctionalInterface
    interface Starter {
        AppDatabase start() throws Exception;
    }

    static Stream<Named<Starter>> databases() {
        return Stream.of(Named.of("mysql", SqlAppDatabase::mariaDb), Named.of("postgres", SqlAppDatabase::postgres),
                Named.of("dynamodb", DynamoAppDatabase::dynalite));
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.disconnect();
        }
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
        if (configDir != null) {
            Files.deleteIfExists(configDir.resolve("config.json"));
            Files.deleteIfExists(configDir);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void appsComeFromTheDatabaseAndSurviveItsOutage(Starter database) throws Exception {
        db = database.start();
        server = startServer();
        HttpApiClient api1 = new HttpApiClient(server.port(), "db-app-1", "db-key-1", "db-secret-1");
        db.insert("db-app-1", "db-key-1", "db-secret-1");

        // inserted in the database: a stock client connects and receives what the API publishes
        BlockingQueue<PusherEvent> events = new LinkedBlockingQueue<>();
        client = connectPusher("db-key-1");
        CountDownLatch subscribed = new CountDownLatch(1);
        client.subscribe("orders", new com.pusher.client.channel.ChannelEventListener() {
            @Override
            public void onSubscriptionSucceeded(String channelName) {
                subscribed.countDown();
            }

            @Override
            public void onEvent(PusherEvent event) {
                events.add(event);
            }
        }, "placed");
        assertThat(subscribed.await(5, TimeUnit.SECONDS)).isTrue();
        api1.publishOk("orders", "placed", "{\"n\":1}");
        assertThat(events.poll(5, TimeUnit.SECONDS)).extracting(PusherEvent::getData).isEqualTo("{\"n\":1}");

        // disabled in the database: refused once the cached app expires (TTL 1 s)
        db.setEnabled("db-app-1", false);
        Poll.until("the disabled app is refused", Duration.ofSeconds(10), () -> firstFrame("db-key-1"),
                f -> f.contains("pusher:error") && code(f) == 4003);
        db.setEnabled("db-app-1", true);
        Poll.until("the enabled app connects again", Duration.ofSeconds(10), () -> firstFrame("db-key-1"),
                f -> f.contains("pusher:connection_established"));

        // an app in the database that nobody has asked for yet
        db.insert("db-app-2", "db-key-2", "db-secret-2");

        db.crash();
        try {
            // the app in use keeps working: its client receives, new clients connect, the API publishes
            assertThat(firstFrame("db-key-1")).contains("pusher:connection_established");
            api1.publishOk("orders", "placed", "{\"n\":2}");
            assertThat(events.poll(5, TimeUnit.SECONDS)).extracting(PusherEvent::getData).isEqualTo("{\"n\":2}");

            // an app never seen is refused clearly, within the lookup bound
            long start = System.nanoTime();
            String refused = firstFrame("db-key-2");
            assertThat(refused).contains("pusher:error");
            assertThat(code(refused)).isBetween(4000, 4199);
            HttpApiClient.Response r = new HttpApiClient(server.port(), "db-app-2", "db-key-2", "db-secret-2")
                    .publish("orders", "placed", "{}");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LOOKUP_BOUND.multipliedBy(2));
            assertThat(r.status()).as("%s", r).isEqualTo(503);
            assertThat(r.json()).containsKey("error");
            assertThat(r.header("Retry-After")).isNotNull();

            // and the health check says the app store is down
            HttpApiClient.Response up = api1.raw("GET", "/up", null);
            assertThat(up.status()).as("%s", up).isEqualTo(503);
            assertThat(up.header("X-Health-Check")).isEqualTo("ERROR");
        } finally {
            db.restart();
        }

        // the database is back: the app never seen connects, without restarting anything
        Poll.until("the restarted database answers", Duration.ofSeconds(20), () -> firstFrame("db-key-2"),
                f -> f.contains("pusher:connection_established"));
        Poll.until("the health check recovers", Duration.ofSeconds(10), () -> api1.raw("GET", "/up", null).status(),
                status -> status == 200);
    }

    private SockudoServer startServer() throws Exception {
        configDir = Files.createTempDirectory("sockudo-config-");
        Path file = configDir.resolve("config.json");
        Files.writeString(file, """
                {"host": "127.0.0.1", "port": 0,
                 "app_manager": {"driver": "%s", "cache": {"enabled": true, "ttl": 1}},
                 "database": {%s},
                 "metrics": {"enabled": false}, "rate_limiter": {"enabled": false}}
                """.formatted(db.driver(), db.configSection(CONNECTION_TIMEOUT_MS, QUERY_TIMEOUT_MS)));
        var loaded = ConfigLoader.load(file, configDir, Map.of());
        assertThat(loaded.unsupportedKeys()).isEmpty();
        return SockudoServer.builder().config(loaded.config()).ioThreads(2).start();
    }

    /** The first frame a new raw connection gets, within the lookup bound. */
    private String firstFrame(String key) {
        try (WsClient c = WsClient.connect(server.port(), key)) {
            return c.next(LOOKUP_BOUND.toMillis());
        }
    }

    private static int code(String frame) {
        Object data = JsonTree.parse(frame) instanceof Map<?, ?> m ? m.get("data") : null;
        if (data instanceof String text) {
            data = JsonTree.parse(text);
        }
        Object code = data instanceof Map<?, ?> d ? d.get("code") : null;
        return code instanceof Number n ? n.intValue() : -1;
    }

    private com.pusher.client.Pusher connectPusher(String key) throws InterruptedException {
        com.pusher.client.Pusher pusher = new com.pusher.client.Pusher(key,
                new PusherOptions().setHost("127.0.0.1").setWsPort(server.port()).setUseTLS(false));
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        JavaClients.connect(pusher, errors, Duration.ofSeconds(5));
        return pusher;
    }
}
