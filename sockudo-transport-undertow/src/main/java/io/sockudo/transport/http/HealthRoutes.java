package io.sockudo.transport.http;

import io.sockudo.adapter.app.AppManager;
import io.sockudo.adapter.health.SystemHealth;
import io.sockudo.adapter.health.SystemHealth.Report;
import io.sockudo.adapter.health.SystemHealth.Status;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.HttpString;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * sockudo's unsigned operational routes: {@code GET /up}, {@code GET /up/{appId}} (plain text
 * {@code OK} or {@code DEGRADED} with 200, {@code ERROR} or {@code DRAINING} with 503,
 * {@code NOT_FOUND} with 404, the same word in {@code X-Health-Check}) and {@code GET /usage}
 * (the machine's memory, when {@code http_api.usage_enabled}).
 */
public final class HealthRoutes {

    static final HttpString X_HEALTH_CHECK = HttpString.tryFromString("X-Health-Check");
    private static final System.Logger LOG = System.getLogger(HealthRoutes.class.getName());

    private final AppManager apps;
    private final SystemHealth health;
    private final BooleanSupplier draining;
    private final boolean usageEnabled;

    /**
     * @param apps         where apps come from: no app at all makes the node {@code ERROR}
     * @param health       the components to ask
     * @param draining     whether the server is shutting down
     * @param usageEnabled whether {@code /usage} is served ({@code http_api.usage_enabled})
     */
    public HealthRoutes(AppManager apps, SystemHealth health, BooleanSupplier draining, boolean usageEnabled) {
        this.apps = apps;
        this.health = health;
        this.draining = draining;
        this.usageEnabled = usageEnabled;
    }

    /** Adds the routes, each wrapped by {@code unsigned} (the HTTP API's guard for requests that carry a body). */
    public RoutingHandler addRoutes(RoutingHandler routes, UnaryOperator<HttpHandler> unsigned) {
        routes.get("/up", unsigned.apply(this::up)).get("/up/{appId}", unsigned.apply(this::upForApp));
        if (usageEnabled) {
            routes.get("/usage", unsigned.apply(HealthRoutes::usage));
        }
        return routes;
    }

    private void up(HttpServerExchange exchange) {
        if (answeredDraining(exchange)) {
            return;
        }
        CompletableFuture<Report> report = bounded(apps.all()).thenCompose(all -> all.isEmpty()
                ? CompletableFuture.completedFuture(Report.error("no apps configured"))
                : health.check()).exceptionally(e -> Report.error("app manager: " + reason(e)));
        SignedRequest.whenReady(exchange, report, r -> answer(exchange, "system", r));
    }

    private void upForApp(HttpServerExchange exchange) {
        if (answeredDraining(exchange)) {
            return;
        }
        String id = SignedRequest.pathParam(exchange, "appId");
        CompletableFuture<Report> report = bounded(apps.findById(id)).thenCompose(app -> app == null
                ? CompletableFuture.completedFuture((Report) null)
                : app.enabled() ? health.check() : CompletableFuture.completedFuture(Report.error("app is disabled")))
                .exceptionally(e -> Report.error("app manager: " + reason(e)));
        SignedRequest.whenReady(exchange, report, r -> {
            if (r == null) {
                send(exchange, 404, "NOT_FOUND");
            } else {
                answer(exchange, "app " + id, r);
            }
        });
    }

    private boolean answeredDraining(HttpServerExchange exchange) {
        if (draining.getAsBoolean()) {
            send(exchange, 503, "DRAINING");
            return true;
        }
        return false;
    }

    private <T> CompletableFuture<T> bounded(CompletableFuture<T> lookup) {
        return lookup.copy().orTimeout(health.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void answer(HttpServerExchange exchange, String what, Report r) {
        if (r.status() != Status.OK) {
            LOG.log(r.status() == Status.ERROR ? System.Logger.Level.ERROR : System.Logger.Level.WARNING,
                    "health check " + r.status() + " for " + what + ": " + String.join(", ", r.problems()));
        }
        send(exchange, r.status() == Status.ERROR ? 503 : 200, r.status().name());
    }

    private static void send(HttpServerExchange exchange, int status, String word) {
        exchange.getResponseHeaders().put(X_HEALTH_CHECK, word);
        Responses.text(exchange, status, word);
    }

    private static String reason(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause instanceof java.util.concurrent.TimeoutException ? "no answer in time" : String.valueOf(cause.getMessage());
    }

    private static void usage(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(HealthRoutes::usage); // reads a file
            return;
        }
        SystemMemory m = SystemMemory.read();
        Responses.json(exchange, 200, g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("memory");
            g.writeNumberField("free", m.free());
            g.writeNumberField("used", m.used());
            g.writeNumberField("total", m.total());
            g.writeNumberField("percent", m.percent());
            g.writeEndObject();
            g.writeEndObject();
        });
    }
}
