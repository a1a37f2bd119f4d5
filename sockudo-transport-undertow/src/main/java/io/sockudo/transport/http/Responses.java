package io.sockudo.transport.http;

import io.sockudo.adapter.api.ApiError;
import io.sockudo.protocol.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;

/** Writes HTTP API responses as compact JSON; the CORS headers are {@link CorsHandler}'s. */
public final class Responses {

    private Responses() {
    }

    public static void json(HttpServerExchange exchange, int status, byte[] body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    public static void json(HttpServerExchange exchange, int status, Json.JsonWriter writer) {
        json(exchange, status, Json.write(writer));
    }

    public static void text(HttpServerExchange exchange, int status, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(body);
    }

    /** {@code {"error": message, "code": code, "status": status}} with that status. */
    public static void error(HttpServerExchange exchange, ApiError error) {
        if (error.status() == 429 || error.status() == 503) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
        }
        json(exchange, error.status(), g -> {
            g.writeStartObject();
            g.writeStringField("error", error.getMessage());
            g.writeStringField("code", error.code());
            g.writeNumberField("status", error.status());
            g.writeEndObject();
        });
    }

    public static void error(HttpServerExchange exchange, int status, String code, String message) {
        error(exchange, new ApiError(status, code, message));
    }
}
