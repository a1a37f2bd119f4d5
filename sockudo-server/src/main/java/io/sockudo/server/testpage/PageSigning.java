package io.sockudo.server.testpage;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.AppManager;
import io.sockudo.protocol.ApiSignature;
import io.sockudo.protocol.ChannelAuth;
import io.sockudo.protocol.Json;
import io.sockudo.protocol.Signatures;
import io.sockudo.protocol.SocketId;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What an app's backend would do for the test page, signed with the app's secret on the server
 * so the secret never reaches the browser: the channel authorization endpoint pusher-js calls
 * ({@code auth}), and the signature of one {@code POST /apps/{id}/events} request that the page
 * then sends to the HTTP API itself ({@code sign-event}). No CORS headers: other sites' pages
 * cannot read the answers.
 */
final class PageSigning {

    /** A form larger than this is refused: an event body is at most a few tens of KiB. */
    static final int MAX_FORM_BYTES = 256 * 1024;

    private static final long APP_LOOKUP_SECONDS = 5;

    private final AppManager apps;

    PageSigning(AppManager apps) {
        this.apps = apps;
    }

    /**
     * Form {@code socket_id}, {@code channel_name}, {@code app_key}, and for presence channels
     * {@code user_id} and optionally {@code user_name}. Answers as an app's auth endpoint does:
     * {@code auth}, plus {@code channel_data} for presence and {@code shared_secret} for
     * encrypted channels.
     */
    void authorizeChannel(HttpServerExchange exchange) throws IOException {
        Map<String, String> form = readForm(exchange);
        if (form == null) {
            return;
        }
        App app = app(exchange, form.get("app_key"));
        if (app == null) {
            return;
        }
        String socketId = form.getOrDefault("socket_id", "");
        String channel = form.getOrDefault("channel_name", "");
        if (!SocketId.isValid(socketId) || channel.isEmpty()) {
            error(exchange, StatusCodes.BAD_REQUEST, "socket_id and channel_name are required");
            return;
        }
        String channelData = null;
        if (channel.startsWith("presence-")) {
            String userId = form.getOrDefault("user_id", "");
            if (userId.isEmpty()) {
                error(exchange, StatusCodes.BAD_REQUEST, "presence channels need a user_id");
                return;
            }
            channelData = json(g -> {
                g.writeStartObject();
                g.writeStringField("user_id", userId);
                g.writeObjectFieldStart("user_info");
                g.writeStringField("name", form.getOrDefault("user_name", userId));
                g.writeEndObject();
                g.writeEndObject();
            });
        } else if (!channel.startsWith("private-")) {
            error(exchange, StatusCodes.BAD_REQUEST, "only private, encrypted and presence channels are authorized");
            return;
        }
        String auth = ChannelAuth.signChannel(app.key(), app.secret(), socketId, channel, channelData);
        String data = channelData;
        String sharedSecret = channel.startsWith("private-encrypted-") ? sharedSecret(app, channel) : null;
        ok(exchange, json(g -> {
            g.writeStartObject();
            g.writeStringField("auth", auth);
            if (data != null) {
                g.writeStringField("channel_data", data);
            }
            if (sharedSecret != null) {
                g.writeStringField("shared_secret", sharedSecret);
            }
            g.writeEndObject();
        }));
    }

    /**
     * Form {@code app_key} and {@code body}, the JSON of one event. Answers the {@code path} and
     * signed {@code query} of {@code POST /apps/{id}/events} with exactly that body; nothing
     * else is signed.
     */
    void signEvent(HttpServerExchange exchange) throws IOException {
        Map<String, String> form = readForm(exchange);
        if (form == null) {
            return;
        }
        App app = app(exchange, form.get("app_key"));
        if (app == null) {
            return;
        }
        String body = form.getOrDefault("body", "");
        if (body.isEmpty()) {
            error(exchange, StatusCodes.BAD_REQUEST, "body is required");
            return;
        }
        String path = "/apps/" + app.id() + "/events";
        String query = ApiSignature.signedQuery("POST", path, Map.of(), body.getBytes(StandardCharsets.UTF_8),
                app.key(), app.secret(), Instant.now().getEpochSecond());
        ok(exchange, json(g -> {
            g.writeStartObject();
            g.writeStringField("path", path);
            g.writeStringField("query", query);
            g.writeEndObject();
        }));
    }

    /**
     * The key of one encrypted channel. Pusher's SDKs derive it from a master key the app's
     * backend holds; the page has none, so it derives one from the app's secret, which only this
     * server and the app know.
     */
    static String sharedSecret(App app, String channel) {
        String hex = Signatures.hmacSha256Hex(app.secret(), "test-page encrypted channel:" + channel);
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    private App app(HttpServerExchange exchange, String key) {
        if (key == null || key.isEmpty()) {
            error(exchange, StatusCodes.BAD_REQUEST, "app_key is required");
            return null;
        }
        App app;
        try {
            app = apps.findByKey(key).get(APP_LOOKUP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(exchange, StatusCodes.SERVICE_UNAVAILABLE, "interrupted");
            return null;
        } catch (ExecutionException | TimeoutException e) {
            error(exchange, StatusCodes.SERVICE_UNAVAILABLE, "the app store did not answer: " + e.getMessage());
            return null;
        }
        if (app == null || !app.enabled()) {
            error(exchange, StatusCodes.NOT_FOUND, "no enabled app has the key " + key);
            return null;
        }
        return app;
    }

    /** The urlencoded form of the request, or null when refused (the answer is sent). */
    private static Map<String, String> readForm(HttpServerExchange exchange) throws IOException {
        byte[] bytes = exchange.getInputStream().readNBytes(MAX_FORM_BYTES + 1);
        if (bytes.length > MAX_FORM_BYTES) {
            exchange.setPersistent(false);
            error(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "the form is larger than " + MAX_FORM_BYTES + " bytes");
            return null;
        }
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(bytes, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.putIfAbsent(name, value);
        }
        return form;
    }

    private interface JsonWriting {
        void write(JsonGenerator g) throws IOException;
    }

    private static String json(JsonWriting writing) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            writing.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void ok(HttpServerExchange exchange, String json) {
        send(exchange, StatusCodes.OK, json);
    }

    static void error(HttpServerExchange exchange, int status, String message) {
        send(exchange, status, json(g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        }));
    }

    private static void send(HttpServerExchange exchange, int status, String json) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json")
                .put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(json, StandardCharsets.UTF_8);
    }
}
