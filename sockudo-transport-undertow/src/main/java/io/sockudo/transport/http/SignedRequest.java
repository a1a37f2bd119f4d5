package io.sockudo.transport.http;

import io.sockudo.adapter.api.ApiError;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.AppManager;
import io.sockudo.protocol.ApiSignature;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.PathTemplateMatch;
import io.undertow.util.SameThreadExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Authenticates a Pusher HTTP API request, then runs its action: finds the app by
 * {@code auth_key} (404 when unknown), checks that it is the app the path names (401), reads
 * the body (413 over the limit), and verifies the signature, body hash and timestamp (401).
 * Nothing blocks: the app lookup and the body read complete asynchronously on the I/O thread.
 */
public final class SignedRequest implements HttpHandler {

    private final AppManager apps;
    private final ApiAction action;
    private final long maxBodyBytes;
    private final Clock clock;

    public SignedRequest(AppManager apps, ApiAction action, long maxBodyBytes, Clock clock) {
        this.apps = apps;
        this.action = action;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String key = first(exchange.getQueryParameters(), "auth_key");
        if (key == null) {
            Responses.error(exchange, ApiError.unauthorized("Missing auth_key: HTTP API requests must be signed"));
            return;
        }
        long length = exchange.getRequestContentLength();
        if (length > maxBodyBytes) {
            Responses.error(exchange, ApiError.payloadTooLarge("The request body is " + length + " bytes, the limit is " + maxBodyBytes));
            return;
        }
        whenReady(exchange, apps.findByKey(key), app -> {
            if (app == null) {
                Responses.error(exchange, ApiError.appNotFound("No app with key " + key));
                return;
            }
            String pathAppId = pathParam(exchange, "appId");
            if (pathAppId != null && !pathAppId.equals(app.id())) {
                Responses.error(exchange, ApiError.unauthorized("auth_key belongs to another app than " + pathAppId));
                return;
            }
            exchange.setMaxEntitySize(maxBodyBytes);
            exchange.getRequestReceiver().receiveFullBytes(
                    (ex, body) -> authenticated(ex, app, body),
                    (ex, e) -> {
                        if (e instanceof RequestTooBigException) {
                            Responses.error(ex, ApiError.payloadTooLarge("The request body exceeds " + maxBodyBytes + " bytes"));
                        } else {
                            Responses.error(ex, ApiError.badRequest("Could not read the request body"));
                        }
                    });
        });
    }

    private void authenticated(HttpServerExchange exchange, App app, byte[] body) {
        List<ApiSignature.Param> params = new ArrayList<>();
        exchange.getQueryParameters().forEach((name, values) -> values.forEach(v -> params.add(new ApiSignature.Param(name, v))));
        String method = exchange.getRequestMethod().toString();
        long now = clock.millis() / 1000;
        String error = ApiSignature.verify(method, exchange.getRequestPath(), params, body, app.secret(), now);
        if (error != null && error.startsWith("Invalid signature")) {
            // some clients sign the path exactly as they sent it, percent-encoding included
            String raw = exchange.getRequestURI();
            if (!raw.equals(exchange.getRequestPath())
                    && ApiSignature.verify(method, raw, params, body, app.secret(), now) == null) {
                error = null;
            }
        }
        if (error != null) {
            Responses.error(exchange, ApiError.unauthorized(error));
            return;
        }
        try {
            action.handle(exchange, app, body);
        } catch (ApiError e) {
            Responses.error(exchange, e);
        } catch (Exception e) {
            System.getLogger(SignedRequest.class.getName()).log(System.Logger.Level.ERROR, "HTTP API action failed", e);
            Responses.error(exchange, 500, "internal_error", "Internal error");
        }
    }

    /**
     * Runs {@code then} on the exchange's I/O thread once the future completes: inline when it
     * already has, otherwise after dispatching so that Undertow keeps the exchange open.
     */
    static <T> void whenReady(HttpServerExchange exchange, CompletableFuture<T> future, java.util.function.Consumer<T> then) {
        if (future.isDone()) {
            T value;
            try {
                value = future.join();
            } catch (RuntimeException e) {
                Responses.error(exchange, 503, "service_unavailable", "A backend store did not answer; try again");
                return;
            }
            then.accept(value);
            return;
        }
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> future.whenComplete((value, error) ->
                exchange.getIoThread().execute(() -> {
                    if (error != null) {
                        Responses.error(exchange, 503, "service_unavailable", "A backend store did not answer; try again");
                    } else {
                        then.accept(value);
                    }
                })));
    }

    static String pathParam(HttpServerExchange exchange, String name) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        return match == null ? null : match.getParameters().get(name);
    }

    static String first(Map<String, Deque<String>> params, String name) {
        Deque<String> d = params.get(name);
        return d == null || d.isEmpty() ? null : d.peekFirst();
    }

    static String utf8(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
