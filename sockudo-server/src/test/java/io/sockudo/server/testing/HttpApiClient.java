package io.sockudo.server.testing;

import io.sockudo.protocol.ApiSignature;
import io.sockudo.server.SockudoServer;
import io.sockudo.testkit.JsonTree;
import io.sockudo.testkit.Sentinel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Talks to the HTTP API over plain HTTP/1.1, signing requests as Pusher's server SDKs do. Unlike an
 * SDK it lets a test break the signature on purpose (wrong secret, stale timestamp, forged body
 * hash) and shows every status, header and body as they came.
 */
public final class HttpApiClient {

    /** One client for all tests: it keeps connections alive, as SDKs do. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final int port;
    private final String appId;
    private final String key;
    private final String secret;

    public HttpApiClient(int port, String appId, String key, String secret) {
        this.port = port;
        this.appId = appId;
        this.key = key;
        this.secret = secret;
    }

    /** A client for {@link TestServer}'s app. */
    public static HttpApiClient of(SockudoServer server) {
        return new HttpApiClient(server.port(), TestServer.APP_ID, TestServer.KEY, TestServer.SECRET);
    }

    /** An HTTP response as received. */
    public record Response(int status, HttpHeaders headers, String body) {

        public Map<String, Object> json() {
            return JsonTree.object(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** {@code GET /apps/{id}{path}} with the given extra query parameters, signed. */
    public Response get(String path, Map<String, String> params) {
        return signed("GET", "/apps/" + appId + path, params, null, key, secret, now());
    }

    public Response get(String path) {
        return get(path, Map.of());
    }

    /** {@code POST /apps/{id}{path}} with a JSON body, signed. */
    public Response post(String path, String body) {
        return signed("POST", "/apps/" + appId + path, Map.of(), bytes(body), key, secret, now());
    }

    /** Publishes one event to one channel; {@code data} is sent as the JSON string it is. */
    public Response publish(String channel, String event, String data) {
        return post("/events", "{\"name\":" + JsonTree.quote(event) + ",\"channel\":" + JsonTree.quote(channel)
                + ",\"data\":" + JsonTree.quote(data) + "}");
    }

    /** Publishes and fails the test unless the server answers 200. */
    public void publishOk(String channel, String event, String data) {
        Response r = publish(channel, event, data);
        if (r.status() != 200) {
            throw new AssertionError("publishing to " + channel + " failed: " + r);
        }
    }

    /** Publishes the {@link Sentinel#EVENT} a test reads up to, to show that nothing else arrived before it. */
    public void publishSentinel(String channel) {
        publishOk(channel, Sentinel.EVENT, "{}");
    }

    /** Publishes the sentinel with tags, for subscribers whose filter must let it through. */
    public void publishSentinel(String channel, String tagsJson) {
        postEventOk("{\"name\":" + JsonTree.quote(Sentinel.EVENT) + ",\"channel\":" + JsonTree.quote(channel)
                + ",\"data\":\"{}\",\"tags\":" + tagsJson + "}");
    }

    /** Posts a raw event body to {@code /events} and fails the test unless the server answers 200. */
    public void postEventOk(String body) {
        Response r = post("/events", body);
        if (r.status() != 200) {
            throw new AssertionError("publishing failed: " + r);
        }
    }

    /**
     * A request signed with the given credentials and clock, to any path.
     *
     * @param body the raw body, or null for none
     */
    public Response signed(String method, String path, Map<String, String> params, byte[] body,
                           String signingKey, String signingSecret, long timestamp) {
        String query = ApiSignature.signedQuery(method, path, params, body, signingKey, signingSecret, timestamp);
        return raw(method, path + "?" + query, body);
    }

    /** An unsigned request, e.g. for health checks or a forged query. */
    public Response raw(String method, String pathAndQuery, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static long now() {
        return System.currentTimeMillis() / 1000;
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
