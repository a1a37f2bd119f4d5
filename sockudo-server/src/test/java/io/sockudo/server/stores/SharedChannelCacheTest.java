package io.sockudo.server.stores;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import io.sockudo.server.config.ConfigLoader;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.Poll;
import io.sockudo.testkit.services.RedisCluster;
import io.sockudo.testkit.services.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes sharing the cache channels' store ({@code cache.driver} {@code redis} or
 * {@code redis-cluster}): an event published through one node's HTTP API is replayed to a
 * subscriber of the other, a channel nobody published on is a {@code cache_miss} there, and with
 * Redis gone subscribers get {@code cache_miss} in bounded time until it is back.
 */
class SharedChannelCacheTest {

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void aCacheChannelEventPublishedOnOneNodeIsReplayedOnTheOtherThroughRedis() throws Exception {
        RedisServer redis = keep(RedisServer.start());
        String cache = "{\"driver\": \"redis\", \"redis\": {\"url_override\": \"" + redis.url() + "\", \"prefix\": \"two_nodes:\"}}";
        SockudoServer publisher = keep(node(cache));
        SockudoServer subscriber = keep(node(cache));

        HttpApiClient.of(publisher).publishOk("cache-news", "breaking", "{\"n\":1}");
        assertThat(replayed(subscriber, "cache-news")).contains("\"event\":\"breaking\"").contains("{\\\"n\\\":1}");
        assertThat(firstAfterSubscribing(subscriber, "cache-nothing-here")).startsWith("{\"event\":\"pusher:cache_miss\"");

        redis.kill();
        assertThat(firstAfterSubscribing(subscriber, "cache-news")).startsWith("{\"event\":\"pusher:cache_miss\"");

        redis.restart();
        Poll.until("the publisher's cache writes reach the restarted Redis", Duration.ofSeconds(15), () -> {
            HttpApiClient.of(publisher).publishOk("cache-news", "breaking", "{\"n\":2}");
            return firstAfterSubscribing(subscriber, "cache-news");
        }, f -> f.contains("{\\\"n\\\":2}"));
    }

    @Test
    void aRedisClusterIsSharedTheSameWay() throws Exception {
        RedisCluster cluster = keep(RedisCluster.start());
        String cache = "{\"driver\": \"redis-cluster\"}";
        String database = "\"database\": {\"redis\": {\"cluster\": {\"nodes\": [\"" + String.join("\", \"", cluster.nodes()) + "\"]}}}";
        SockudoServer publisher = keep(node(cache, database));
        SockudoServer subscriber = keep(node(cache, database));

        for (int i = 0; i < 6; i++) { // channels whose keys fall on different masters
            HttpApiClient.of(publisher).publishOk("cache-shard-" + i, "update", "{\"i\":" + i + "}");
        }
        for (int i = 0; i < 6; i++) {
            assertThat(replayed(subscriber, "cache-shard-" + i)).contains("{\\\"i\\\":" + i + "}");
        }
        assertThat(firstAfterSubscribing(subscriber, "cache-never")).startsWith("{\"event\":\"pusher:cache_miss\"");
    }

    @Test
    void withTheNoneDriverNothingIsKept() throws Exception {
        SockudoServer server = keep(node("{\"driver\": \"none\"}"));
        HttpApiClient.of(server).publishOk("cache-news", "breaking", "{}");
        assertThat(firstAfterSubscribing(server, "cache-news")).startsWith("{\"event\":\"pusher:cache_miss\"");
    }

    /** The cached frame, once the publisher's asynchronous write has reached Redis. */
    private static String replayed(SockudoServer node, String channel) {
        return Poll.until("the event is replayed on the other node", Poll.PATIENCE,
                () -> firstAfterSubscribing(node, channel), f -> !f.contains("pusher:cache_miss"));
    }

    /** What a new subscriber gets right after subscription_succeeded: the cached event or cache_miss. */
    private static String firstAfterSubscribing(SockudoServer node, String channel) {
        try (WsClient c = WsClient.established(node.port(), "app-key")) {
            c.subscribe(channel);
            assertThat(c.next()).contains("pusher_internal:subscription_succeeded");
            return c.next();
        }
    }

    private SockudoServer node(String cache, String... more) throws Exception {
        Path dir = Files.createTempDirectory("sockudo-config-");
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"host\": \"127.0.0.1\", \"port\": 0, \"metrics\": {\"enabled\": false}, "
                + "\"rate_limiter\": {\"enabled\": false}, \"cache\": " + cache
                + (more.length == 0 ? "" : ", " + String.join(", ", more)) + "}");
        var loaded = ConfigLoader.load(file, dir, Map.of());
        Files.delete(file);
        Files.delete(dir);
        assertThat(loaded.unsupportedKeys()).isEmpty();
        return SockudoServer.builder().config(loaded.config()).ioThreads(2).start();
    }

    private <T extends AutoCloseable> T keep(T resource) {
        started.add(resource);
        return resource;
    }
}
