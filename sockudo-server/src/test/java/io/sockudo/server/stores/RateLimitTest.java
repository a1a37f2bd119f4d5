package io.sockudo.server.stores;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import io.sockudo.server.config.ConfigLoader;
import io.sockudo.testkit.services.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code rate_limiter} over real sockets: HTTP API requests and WebSocket connection attempts
 * beyond a client address's budget get 429 with {@code Retry-After} and sockudo's JSON body,
 * {@code trust_hops} picks the client from {@code X-Forwarded-For}, and with the Redis driver two
 * nodes spend from one budget.
 */
class RateLimitTest {

    private static final String TOO_MANY = "{\"error\":\"Too Many Requests\",\"message\":\"Rate limit exceeded. Please try again later.\"}";

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    /** What came back: the status and the raw head and body. */
    record Answer(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    @Test
    void apiRequestsBeyondTheBudgetGet429WithRetryAfterAndAJsonBody() throws Exception {
        SockudoServer server = node("\"driver\": \"memory\", \"api_rate_limit\": {\"max_requests\": 3, \"window_seconds\": 60}");
        for (int i = 0; i < 3; i++) {
            Answer a = api(server, null);
            assertThat(a.status()).as("request %d: %s", i, a).isEqualTo(401); // let through, then refused as unsigned
            assertThat(a.header("X-RateLimit-Remaining")).isEqualTo(String.valueOf(2 - i));
        }
        Answer limited = api(server, null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body()).isEqualTo(TOO_MANY);
        assertThat(limited.header("Content-Type")).isEqualTo("application/json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(limited.header("X-RateLimit-Limit")).isEqualTo("3");
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        // other routes are not limited
        assertThat(request(server.port(), "GET /up HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status()).isEqualTo(200);
    }

    @Test
    void webSocketConnectionsBeyondTheBudgetAreRefusedBeforeTheUpgrade() throws Exception {
        SockudoServer server = node("\"websocket_rate_limit\": {\"max_requests\": 2, \"window_seconds\": 60}");
        assertThat(upgrade(server, null).status()).isEqualTo(101);
        assertThat(upgrade(server, null).status()).isEqualTo(101);
        Answer refused = upgrade(server, null);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).isEqualTo(TOO_MANY);
        assertThat(refused.header("Retry-After")).isNotNull();
    }

    @Test
    void withTrustedProxiesEachForwardedClientHasItsOwnBudget() throws Exception {
        SockudoServer server = node("\"api_rate_limit\": {\"max_requests\": 1, \"window_seconds\": 60, \"trust_hops\": 1}");
        assertThat(api(server, "203.0.113.7").status()).isEqualTo(401);
        assertThat(api(server, "203.0.113.7").status()).isEqualTo(429);
        // the entry written by the client itself, left of the proxy's, proves nothing
        assertThat(api(server, "198.51.100.1, 203.0.113.7").status()).isEqualTo(429);
        assertThat(api(server, "203.0.113.8").status()).isEqualTo(401);
    }

    @Test
    void twoNodesOnOneRedisSpendFromOneBudget() throws Exception {
        RedisServer redis = keep(RedisServer.start());
        String limits = "\"driver\": \"redis\", \"redis\": {\"url_override\": \"" + redis.url() + "\"},"
                + " \"websocket_rate_limit\": {\"max_requests\": 3, \"window_seconds\": 60},"
                + " \"api_rate_limit\": {\"max_requests\": 100, \"window_seconds\": 60}";
        SockudoServer a = node(limits);
        SockudoServer b = node(limits);
        assertThat(upgrade(a, null).status()).isEqualTo(101);
        assertThat(upgrade(a, null).status()).isEqualTo(101);
        assertThat(upgrade(b, null).status()).isEqualTo(101);
        assertThat(upgrade(b, null).status()).isEqualTo(429);
        assertThat(upgrade(a, null).status()).isEqualTo(429);

        // Redis gone: the limit cannot be known, requests are refused clearly and promptly
        redis.kill();
        long start = System.nanoTime();
        Answer unavailable = api(b, null);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.body()).contains("\"error\"");
        assertThat(unavailable.header("Retry-After")).isEqualTo("1");

        // back (empty): counting starts again
        redis.restart();
        io.sockudo.testkit.Poll.until("the limiter answers again", Duration.ofSeconds(15),
                () -> api(b, null).status(), s -> s == 401);
    }

    private Answer api(SockudoServer server, String forwardedFor) {
        return request(server.port(), "GET /apps/app-id/channels HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + (forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n") + "\r\n");
    }

    private Answer upgrade(SockudoServer server, String forwardedFor) {
        return request(server.port(), "GET /app/app-key?protocol=7 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n") + "\r\n");
    }

    /** Sends the request and reads the answer's head, and its body when it has a length. */
    private static Answer request(int port, String request) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                head.write(c);
            }
            String h = head.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(h.substring(9, 12));
            Answer partial = new Answer(status, h, "");
            String length = partial.header("Content-Length");
            String body = length == null ? "" : new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
            return new Answer(status, h, body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private SockudoServer node(String rateLimiter) throws Exception {
        Path dir = Files.createTempDirectory("sockudo-config-");
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"host\": \"127.0.0.1\", \"port\": 0, \"metrics\": {\"enabled\": false},"
                + " \"rate_limiter\": {\"enabled\": true, " + rateLimiter + "}}");
        var loaded = ConfigLoader.load(file, dir, Map.of());
        Files.delete(file);
        Files.delete(dir);
        assertThat(loaded.unsupportedKeys()).isEmpty();
        return keep(SockudoServer.builder().config(loaded.config()).ioThreads(2).start());
    }

    private <T extends AutoCloseable> T keep(T resource) {
        started.add(resource);
        return resource;
    }
}
