package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.app.App;
import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.JsonTree;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may call the HTTP API, and the routes around it: signatures, health, CORS, keep-alive (checklist L). */
class HttpApiAuthTest {

    private static final String EVENT = "{\"name\":\"e\",\"channel\":\"auth-test\",\"data\":\"{}\"}";

    private static SockudoServer server;
    private static HttpApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.start(b -> b
                .app(TestServer.app().build())
                .app(App.builder("other-id", "other-key", "other-secret").build())
                .app(App.builder("40000", "numeric-key", "numeric-secret").build()));
        api = HttpApiClient.of(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpApiClient.Response postEvent(String key, String secret, long timestamp) {
        return api.signed("POST", "/apps/" + TestServer.APP_ID + "/events", Map.of(), HttpApiClient.bytes(EVENT), key, secret, timestamp);
    }

    @Test
    void aRequestSignedAsPusherSignsItIsAccepted() {
        HttpApiClient.Response r = api.post("/events", EVENT);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{}");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(api.get("/channels").status()).isEqualTo(200);
    }

    @Test
    void theSignatureMadeByPusherHttpJavaIsAccepted() {
        com.pusher.rest.Pusher sdk = new com.pusher.rest.Pusher(TestServer.APP_ID, TestServer.KEY, TestServer.SECRET);
        sdk.setHost("127.0.0.1:" + server.port());
        sdk.setEncrypted(false);
        try {
            com.pusher.rest.data.Result r = sdk.get("/channels");
            assertThat(r.getHttpStatus()).as(r.getMessage()).isEqualTo(200);
            assertThat(JsonTree.object(r.getMessage())).containsKey("channels");
        } finally {
            closeQuietly(sdk);
        }
    }

    @Test
    void aBadSignatureIs401AndDeliversNothing() throws Exception {
        try (WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            Join.publicChannel(c, "auth-test");
            ApiErrors.check(postEvent(TestServer.KEY, "not-the-secret", HttpApiClient.now()), 401);
            api.publishOk("auth-test", "after", "{}");
            assertThat(c.next()).as("the forged event must not arrive before the genuine one")
                    .isEqualTo(Expected.event("after", "auth-test", "{}"));
        }
    }

    @Test
    void aBodyMd5ThatDoesNotMatchTheBodyIs401() {
        String forged = "{\"name\":\"e\",\"channel\":\"auth-test\",\"data\":\"{\\\"evil\\\":true}\"}";
        // signed over the hash of another body, as a man in the middle who swapped the body would send it
        String md5OfOriginal = md5(EVENT);
        String query = io.sockudo.protocol.ApiSignature.signedQuery("POST", "/apps/" + TestServer.APP_ID + "/events",
                Map.of("body_md5", md5OfOriginal), null, TestServer.KEY, TestServer.SECRET, HttpApiClient.now());
        ApiErrors.check(api.raw("POST", "/apps/" + TestServer.APP_ID + "/events?" + query, HttpApiClient.bytes(forged)), 401);
    }

    @Test
    void aTimestampMoreThan600SecondsOffIs401EitherWay() {
        // a few seconds past the limit: the client's clock reading and the server's may fall in
        // different seconds, which would bring a timestamp 601 s ahead back to exactly 600
        ApiErrors.check(postEvent(TestServer.KEY, TestServer.SECRET, HttpApiClient.now() - 605), 401);
        ApiErrors.check(postEvent(TestServer.KEY, TestServer.SECRET, HttpApiClient.now() + 605), 401);
        assertThat(postEvent(TestServer.KEY, TestServer.SECRET, HttpApiClient.now() - 590).status()).isEqualTo(200);
    }

    @Test
    void anUnknownAuthKeyIs404() {
        ApiErrors.check(postEvent("no-such-key", "whatever", HttpApiClient.now()), 404);
    }

    @Test
    void theKeyOfAnotherAppThanThePathNamesIs401() {
        ApiErrors.check(postEvent("other-key", "other-secret", HttpApiClient.now()), 401);
    }

    @Test
    void everySignedRouteRefusesAnUnsignedRequestWith401() {
        String base = "/apps/" + TestServer.APP_ID;
        ApiErrors.check(api.raw("POST", base + "/events", HttpApiClient.bytes(EVENT)), 401);
        ApiErrors.check(api.raw("POST", base + "/batch_events", HttpApiClient.bytes("{\"batch\":[]}")), 401);
        ApiErrors.check(api.raw("GET", base + "/channels", null), 401);
        ApiErrors.check(api.raw("GET", base + "/channels/auth-test", null), 401);
        ApiErrors.check(api.raw("GET", base + "/channels/presence-x/users", null), 401);
        ApiErrors.check(api.raw("POST", base + "/users/1/terminate_connections", HttpApiClient.bytes("{}")), 401);
    }

    @Test
    void anUnknownRouteIs404WithAJsonError() {
        ApiErrors.check(api.raw("GET", "/favicon.ico", null), 404);
        ApiErrors.check(api.raw("GET", "/apps/" + TestServer.APP_ID + "/nothing-here", null), 404);
    }

    @Test
    void healthChecksAnswerOkForTheServerAndForKnownApps() {
        HttpApiClient.Response up = api.raw("GET", "/up", null);
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.body()).isEqualTo("OK");
        HttpApiClient.Response app = api.raw("GET", "/up/" + TestServer.APP_ID, null);
        assertThat(app.status()).isEqualTo(200);
        assertThat(app.body()).isEqualTo("OK");
        assertThat(api.raw("GET", "/up/no-such-app", null).status()).isEqualTo(404);
    }

    @Test
    void usageReportsMemoryStatistics() {
        HttpApiClient.Response r = api.raw("GET", "/usage", null);
        assertThat(r.status()).isEqualTo(200);
        Map<String, Object> body = r.json();
        for (String stat : List.of("free", "used", "total", "percent")) {
            assertThat(JsonTree.at(body, "memory", stat)).as("memory.%s of %s", stat, r).isInstanceOf(Number.class);
        }
        assertThat(((Number) JsonTree.at(body, "memory", "total")).longValue()).isPositive();
    }

    @Test
    void aNumericAppIdWorksEndToEnd() {
        HttpApiClient numeric = new HttpApiClient(server.port(), "40000", "numeric-key", "numeric-secret");
        try (WsClient c = WsClient.established(server.port(), "numeric-key")) {
            Join.publicChannel(c, "numbers");
            numeric.publishOk("numbers", "counted", "{\"n\":1}");
            assertThat(c.next()).isEqualTo(Expected.event("counted", "numbers", "{\"n\":1}"));
            assertThat(numeric.get("/channels").body()).isEqualTo("{\"channels\":{\"numbers\":{}}}");
        }
    }

    @Test
    void everyResponseAllowsAnyOrigin() {
        List<HttpApiClient.Response> responses = List.of(
                api.post("/events", EVENT),
                api.get("/channels"),
                api.get("/channels/auth-test"),
                api.raw("GET", "/up", null),
                api.raw("GET", "/usage", null),
                api.raw("GET", "/apps/" + TestServer.APP_ID + "/channels", null),
                api.raw("GET", "/favicon.ico", null));
        for (HttpApiClient.Response r : responses) {
            assertThat(r.header("Access-Control-Allow-Origin")).as("CORS header of %s", r).isEqualTo("*");
        }
    }

    @Test
    void responsesKeepTheConnectionAlive() {
        for (int i = 0; i < 3; i++) {
            HttpApiClient.Response r = api.post("/events", EVENT);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Connection")).as("Connection header").satisfiesAnyOf(
                    h -> assertThat(h).isNull(),
                    h -> assertThat(h.toLowerCase(Locale.ROOT)).doesNotContain("close"));
        }
    }

    @Test
    void severalRequestsAreAnsweredOnOneTcpConnection() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            List<String> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String path = "/apps/" + TestServer.APP_ID + "/channels";
                String query = io.sockudo.protocol.ApiSignature.signedQuery("GET", path, Map.of(), null,
                        TestServer.KEY, TestServer.SECRET, HttpApiClient.now());
                out.write(("GET " + path + "?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                statuses.add(in.readLine());
                int length = -1;
                String line;
                while (!(line = in.readLine()).isEmpty()) {
                    String lower = line.toLowerCase(Locale.ROOT);
                    assertThat(lower).as("response header").isNotEqualTo("connection: close");
                    if (lower.startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                assertThat(length).as("Content-Length of response %d", i).isPositive();
                char[] body = new char[length];
                int read = 0;
                while (read < length) {
                    read += in.read(body, read, length - read);
                }
            }
            assertThat(statuses).containsOnly("HTTP/1.1 200 OK");
        }
    }

    private static String md5(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // test teardown
        }
    }
}
