package io.sockudo.transport.http;

import io.sockudo.adapter.api.ApiError;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.AppManager;
import io.sockudo.protocol.ApiSignature;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import io.undertow.util.SameThreadExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Authenticates a Pusher HTTP API request, then runs its action. Everything that can be checked
 * before the body is, so that nobody without the app's secret makes the server read a body:
 * repeated query parameters (400), the app by {@code auth_key} (404 when unknown), that it is the
 * app the path names (401), the signature over the method, path and query with its timestamp
 * window and a signed {@code body_md5} when a body follows (401), and a declared length over the
 * limit (413). Only then is the body read ({@link BodyReader}: bounded, 408 when too slow), and
 * its MD5 compared with the signed one (401).
 * Nothing blocks: the app lookup and the body read complete asynchronously on the I/O thread.
 */
public final class SignedRequest implements HttpHandler {

    private static final byte[] NO_BODY = new byte[0];

    private final AppManager apps;
    private final ApiAction action;
    private final BodyLimits limits;
    private final BodyBudget budget;
    private final Clock clock;

    SignedRequest(AppManager apps, ApiAction action, BodyLimits limits, BodyBudget budget, Clock clock) {
        this.apps = apps;
        this.action = action;
        this.limits = limits;
        this.budget = budget;
        this.clock = clock;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        // armed first: the deadline covers the wait for the app too, and closes a refused body's connection
        BodyReader reader = exchange.isRequestComplete() ? null : BodyReader.arm(exchange, limits, budget);
        String repeated = repeatedParameter(exchange.getQueryParameters());
        if (repeated != null) {
            refuse(exchange, reader, ApiError.badRequest("The query parameter " + repeated + " is given more than once"));
            return;
        }
        String key = first(exchange.getQueryParameters(), "auth_key");
        if (key == null) {
            refuse(exchange, reader, ApiError.unauthorized("Missing auth_key: HTTP API requests must be signed"));
            return;
        }
        whenReady(exchange, apps.findByKey(key), app -> {
            if (app == null) {
                refuse(exchange, reader, ApiError.appNotFound("No app with key " + key));
                return;
            }
            String pathAppId = pathParam(exchange, "appId");
            if (pathAppId != null && !pathAppId.equals(app.id())) {
                refuse(exchange, reader, ApiError.unauthorized("auth_key belongs to another app than " + pathAppId));
                return;
            }
            List<ApiSignature.Param> params = params(exchange);
            String error = verifyQuery(exchange, params, reader != null, app);
            if (error != null) {
                refuse(exchange, reader, ApiError.unauthorized(error));
                return;
            }
            if (reader == null) {
                authenticated(exchange, app, params, NO_BODY);
            } else {
                reader.read((ex, body) -> authenticated(ex, app, params, body));
            }
        });
    }

    /** Answers an error; a body still on its way is discarded, never read. */
    private static void refuse(HttpServerExchange exchange, BodyReader reader, ApiError error) {
        if (reader == null) {
            Responses.error(exchange, error);
        } else {
            reader.refuse(error);
        }
    }

    /** The signature as the path was decoded, or, failing that, as it was sent: some clients sign it percent-encoded. */
    private String verifyQuery(HttpServerExchange exchange, List<ApiSignature.Param> params, boolean bodyFollows, App app) {
        String method = exchange.getRequestMethod().toString();
        long now = clock.millis() / 1000;
        String error = ApiSignature.verifyQuery(method, exchange.getRequestPath(), params, bodyFollows, app.secret(), now);
        if (error != null && error.startsWith("Invalid signature")) {
            String raw = exchange.getRequestURI();
            if (!raw.equals(exchange.getRequestPath())
                    && ApiSignature.verifyQuery(method, raw, params, bodyFollows, app.secret(), now) == null) {
                error = null;
            }
        }
        return error;
    }

    private void authenticated(HttpServerExchange exchange, App app, List<ApiSignature.Param> params, byte[] body) {
        String error = ApiSignature.verifyBody(params, body);
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

    private static List<ApiSignature.Param> params(HttpServerExchange exchange) {
        List<ApiSignature.Param> params = new ArrayList<>();
        exchange.getQueryParameters().forEach((name, values) -> values.forEach(v -> params.add(new ApiSignature.Param(name, v))));
        return params;
    }

    /**
     * A parameter given twice, keys compared as they are signed (lower-cased), or null. Which of
     * two timestamps or signatures counts would otherwise be a guess the signer did not make.
     */
    static String repeatedParameter(Map<String, Deque<String>> params) {
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, Deque<String>> e : params.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (e.getValue().size() > 1 || !seen.add(name)) {
                return name;
            }
        }
        return null;
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
                    if (exchange.isResponseStarted()) {
                        return; // timed out meanwhile
                    } else if (error != null) {
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
