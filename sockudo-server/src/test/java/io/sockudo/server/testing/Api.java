package io.sockudo.server.testing;

import io.sockudo.protocol.ApiSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Signed HTTP API calls, as the Pusher server SDKs make them. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final String appId;
    private final String key;
    private final String secret;

    public Api(int port, String appId, String key, String secret) {
        this.port = port;
        this.appId = appId;
        this.key = key;
        this.secret = secret;
    }

    public static Api of(int port) {
        return new Api(port, TestServer.APP_ID, TestServer.KEY, TestServer.SECRET);
    }

    public HttpResponse<String> post(String path, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String full = "/apps/" + appId + path;
        String query = ApiSignature.signedQuery("POST", full, Map.of(), b, key, secret, System.currentTimeMillis() / 1000);
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + full + "?" + query))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(b)).build());
    }

    public HttpResponse<String> get(String path, Map<String, String> params) {
        String full = "/apps/" + appId + path;
        String query = ApiSignature.signedQuery("GET", full, params, new byte[0], key, secret, System.currentTimeMillis() / 1000);
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + full + "?" + query)).GET().build());
    }

    /** Publishes one event; fails unless the server answers 200. */
    public void trigger(String channel, String event, String data) {
        triggerJson("{\"name\":" + quote(event) + ",\"channel\":" + quote(channel) + ",\"data\":" + quote(data) + "}");
    }

    public void triggerJson(String body) {
        HttpResponse<String> r = post("/events", body);
        if (r.statusCode() != 200) {
            throw new AssertionError("trigger failed: " + r.statusCode() + " " + r.body());
        }
    }

    public static String quote(String s) {
        return io.sockudo.protocol.Json.quote(s);
    }

    private static HttpResponse<String> send(HttpRequest r) {
        try {
            return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
