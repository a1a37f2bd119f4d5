package io.sockudo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.transport.http.CorsPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code cors.*} on every answer and preflight, and {@code path_prefix} on every route. */
class CorsAndPathPrefixTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static HttpResponse<String> send(String method, int port, String path, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            b.header("Origin", origin);
            b.header("Access-Control-Request-Method", "POST");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    private static SockudoServer withCors(CorsPolicy policy) {
        return TestServer.start(b -> b.app(TestServer.app().build()).cors(policy));
    }

    @Test
    void theDefaultAllowsEveryOriginWithoutCredentials() throws Exception {
        try (SockudoServer server = withCors(CorsPolicy.DEFAULTS)) {
            HttpResponse<String> preflight = send("OPTIONS", server.port(), "/apps/1/events", "https://anywhere.example");
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(header(preflight, "Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(header(preflight, "Access-Control-Allow-Credentials")).as("never with *").isNull();
            assertThat(header(preflight, "Access-Control-Allow-Methods")).isEqualTo("GET, POST, PUT, PATCH, DELETE, OPTIONS");
            assertThat(header(preflight, "Access-Control-Allow-Headers")).contains("Authorization", "Content-Type");
        }
    }

    @Test
    void configuredOriginsAreEchoedWithCredentialsAndOthersGetNoGrant() throws Exception {
        CorsPolicy policy = new CorsPolicy(List.of("https://app.example.com", "https://*.example.org"),
                List.of("GET", "POST"), List.of("Content-Type", "X-Custom"), true);
        try (SockudoServer server = withCors(policy)) {
            HttpResponse<String> allowed = send("OPTIONS", server.port(), "/apps/1/events", "https://app.example.com");
            assertThat(allowed.statusCode()).isEqualTo(204);
            assertThat(header(allowed, "Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
            assertThat(header(allowed, "Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(header(allowed, "Access-Control-Allow-Methods")).isEqualTo("GET, POST");
            assertThat(header(allowed, "Access-Control-Allow-Headers")).isEqualTo("Content-Type, X-Custom");
            assertThat(header(allowed, "Vary")).isEqualTo("Origin");

            HttpResponse<String> pattern = send("OPTIONS", server.port(), "/apps/1/events", "https://eu.example.org");
            assertThat(header(pattern, "Access-Control-Allow-Origin")).isEqualTo("https://eu.example.org");

            HttpResponse<String> other = send("OPTIONS", server.port(), "/apps/1/events", "https://evil.example.net");
            assertThat(other.statusCode()).isEqualTo(204);
            assertThat(header(other, "Access-Control-Allow-Origin")).isNull();
            assertThat(header(other, "Access-Control-Allow-Methods")).isNull();

            HttpResponse<String> get = send("GET", server.port(), "/up", "https://app.example.com");
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(header(get, "Access-Control-Allow-Origin")).as("actual requests carry it too").isEqualTo("https://app.example.com");
            assertThat(header(send("GET", server.port(), "/up", "https://evil.example.net"), "Access-Control-Allow-Origin")).isNull();
        }
    }

    @Test
    void credentialsCanBeTurnedOff() throws Exception {
        try (SockudoServer server = withCors(new CorsPolicy(List.of("https://app.example.com"), List.of("GET"), List.of(), false))) {
            HttpResponse<String> r = send("OPTIONS", server.port(), "/up", "https://app.example.com");
            assertThat(header(r, "Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
            assertThat(header(r, "Access-Control-Allow-Credentials")).isNull();
        }
    }

    @Test
    void everyRouteIsServedUnderThePathPrefixAndNothingOutsideIt() throws Exception {
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().build()).pathPrefix("/pusher/"))) {
            int port = server.port();
            try (WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/pusher/app/" + TestServer.KEY
                    + "?protocol=7&client=js&version=8.0.0"))) {
                assertThat(client.next()).contains("pusher:connection_established");
                client.subscribe("prefixed");
                assertThat(client.nextStartingWith("{\"event\":\"pusher_internal:subscription_succeeded\"")).isNotNull();

                HttpApiClient api = HttpApiClient.of(server);
                HttpApiClient.Response published = api.signed("POST", "/pusher/apps/" + TestServer.APP_ID + "/events", Map.of(),
                        "{\"name\":\"e\",\"channel\":\"prefixed\",\"data\":\"{}\"}".getBytes(), TestServer.KEY, TestServer.SECRET,
                        System.currentTimeMillis() / 1000);
                assertThat(published.status()).as("signed over the path sent, prefix included: %s", published).isEqualTo(200);
                assertThat(client.nextStartingWith("{\"event\":\"e\"")).contains("prefixed");

            }
            assertThat(send("GET", port, "/pusher/up", null).statusCode()).isEqualTo(200);
            assertThat(send("GET", port, "/pusher/up/" + TestServer.APP_ID, null).statusCode()).isEqualTo(200);
            assertThat(send("GET", port, "/pusher/usage", null).statusCode()).isEqualTo(200);

            assertThat(send("GET", port, "/up", null).statusCode()).isEqualTo(404);
            assertThat(send("GET", port, "/pusherup", null).statusCode()).isEqualTo(404);
            assertThat(send("GET", port, "/app/" + TestServer.KEY, null).statusCode()).isEqualTo(404);
            assertThat(send("POST", port, "/apps/" + TestServer.APP_ID + "/events", null).statusCode()).isEqualTo(404);
        }
    }
}
