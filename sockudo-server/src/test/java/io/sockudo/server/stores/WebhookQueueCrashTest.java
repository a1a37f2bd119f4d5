package io.sockudo.server.stores;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.sockudo.server.SockudoServer;
import io.sockudo.server.config.ConfigLoader;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.Poll;
import io.sockudo.testkit.services.RedisServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code queue.driver = redis} across a crash: a node (its own JVM, started from the launcher)
 * takes a webhook from the shared queue, fails to deliver it while the endpoint is down, and is
 * killed with SIGKILL; another node on the same Redis delivers it once the dead node's lease has
 * expired.
 */
class WebhookQueueCrashTest {

    private RedisServer redis;
    private HttpServer receiver;
    private Process node;
    private SockudoServer survivor;
    private Path dir;

    private final AtomicBoolean accepting = new AtomicBoolean();
    private final AtomicInteger refused = new AtomicInteger();
    private final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();

    @AfterEach
    void stopAll() throws IOException {
        if (node != null) {
            node.destroyForcibly();
        }
        if (survivor != null) {
            survivor.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        if (redis != null) {
            redis.close();
        }
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    void aWebhookTakenByAKilledNodeIsDeliveredByAnotherAfterItsLease() throws Exception {
        redis = RedisServer.start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (accepting.get()) {
                delivered.add(body);
                exchange.sendResponseHeaders(200, -1);
            } else {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
            }
            exchange.close();
        });
        receiver.start();

        dir = Files.createTempDirectory("sockudo-crash-");
        int port = freePort();
        Path config = dir.resolve("config.json");
        Files.writeString(config, config(port));

        node = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "io.sockudo.server.Main", "--config", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("node.log").toFile())
                .start();
        Poll.until("the node listens", Duration.ofSeconds(30), () -> listening(port));

        // channel_occupied: queued in Redis by the node, taken by its worker, refused by the endpoint
        try (WsClient c = WsClient.established(port, "app-key")) {
            c.subscribe("crash-test");
            assertThat(c.next()).contains("subscription_succeeded");
            Poll.until("the node tried to deliver", Duration.ofSeconds(10), () -> refused.get() > 0);
        }
        node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        accepting.set(true);
        var loaded = ConfigLoader.load(config, dir, Map.of());
        survivor = SockudoServer.builder().config(loaded.config()).port(0).ioThreads(2).start();
        String body = delivered.poll(20, TimeUnit.SECONDS);
        assertThat(body).as("delivered by the surviving node; the node's log:%n%s", log()).isNotNull();
        assertThat(body).contains("\"name\":\"channel_occupied\"").contains("\"channel\":\"crash-test\"");
    }

    private String config(int port) {
        return """
                {"host": "127.0.0.1", "port": %d, "metrics": {"enabled": false}, "rate_limiter": {"enabled": false},
                 "shutdown_grace_period": 0,
                 "app_manager": {"array": {"apps": [{"id": "app-id", "key": "app-key", "secret": "app-secret",
                   "webhooks": [{"url": "http://127.0.0.1:%d/hook", "event_types": ["channel_occupied"]}]}]}},
                 "webhooks": {"batching": {"enabled": false}, "retry": {"initial_backoff_ms": 5000, "max_backoff_ms": 5000}},
                 "queue": {"driver": "redis", "redis": {"url_override": "%s", "prefix": "crash:"},
                           "reliability": {"lease_duration_ms": 1500, "lease_renew_interval_ms": 300}}}
                """.formatted(port, receiver.getAddress().getPort(), redis.url());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("node.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
