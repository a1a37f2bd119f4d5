package io.sockudo.transport.http;

import io.sockudo.adapter.ConnectionHandler;
import io.sockudo.adapter.api.ApiError;
import io.sockudo.adapter.api.ChannelInspector;
import io.sockudo.adapter.api.ChannelStats;
import io.sockudo.adapter.api.EventPublisher;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.AppManager;
import io.sockudo.protocol.ApiEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The Pusher HTTP API, every route in one place. Each signed route is
 * {@link SignedRequest} (authenticate, read the body) followed by one small action here.
 */
public final class HttpApi {

    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    private final AppManager apps;
    private final EventPublisher publisher;
    private final ChannelInspector inspector;
    private final ConnectionHandler connections;
    private final BodyLimits bodyLimits;
    /** One budget for every route and connection: it bounds the memory of all bodies being read. */
    private final BodyBudget bodyBudget;
    private final Clock clock;
    private final TrafficGate trafficGate;
    private final HttpApiStats stats = new HttpApiStats();

    public HttpApi(AppManager apps, EventPublisher publisher, ChannelInspector inspector, ConnectionHandler connections,
                   BodyLimits bodyLimits, Clock clock) {
        this(apps, publisher, inspector, connections, bodyLimits, clock, TrafficGate.OPEN);
    }

    /** @param trafficGate refuses signed requests while memory is short ({@code http_api.accept_traffic}) */
    public HttpApi(AppManager apps, EventPublisher publisher, ChannelInspector inspector, ConnectionHandler connections,
                   BodyLimits bodyLimits, Clock clock, TrafficGate trafficGate) {
        this.trafficGate = trafficGate;
        this.apps = apps;
        this.publisher = publisher;
        this.inspector = inspector;
        this.connections = connections;
        this.bodyLimits = bodyLimits;
        this.bodyBudget = new BodyBudget(bodyLimits.inFlightBytes());
        this.clock = clock;
    }

    /** Adds the API routes to a router. */
    public RoutingHandler addRoutes(RoutingHandler routes) {
        return routes
                .post("/apps/{appId}/events", signed(this::events))
                .post("/apps/{appId}/batch_events", signed(this::batchEvents))
                .get("/apps/{appId}/channels", signed(this::channels))
                .get("/apps/{appId}/channels/{channel}", signed(this::channel))
                .get("/apps/{appId}/channels/{channel}/users", signed(this::users))
                .post("/apps/{appId}/users/{userId}/terminate_connections", signed(this::terminate))
                .setInvalidMethodHandler(bounded(exchange -> Responses.error(exchange, 405, "method_not_allowed",
                        exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestPath())))
                .setFallbackHandler(bounded(exchange -> Responses.error(exchange, 404, "not_found",
                        "No such route: " + exchange.getRequestMethod() + " " + exchange.getRequestPath())));
    }

    /**
     * An unsigned route: it never reads a body, but one may be on its way; the request's deadline
     * closes the connection if it is still coming when the body timeout has passed.
     */
    public HttpHandler bounded(HttpHandler route) {
        return exchange -> {
            if (exchange.isRequestComplete()) {
                route.handleRequest(exchange);
            } else {
                BodyReader.arm(exchange, bodyLimits, bodyBudget).respond(route);
            }
        };
    }

    private HttpHandler signed(ApiAction action) {
        ApiAction counted = (exchange, app, body) -> {
            stats.call(app.id(), body.length, exchange);
            action.handle(exchange, app, body);
        };
        return trafficGate.guard(new SignedRequest(apps, counted, bodyLimits, bodyBudget, clock));
    }

    /** Calls and bytes per app, for metrics. */
    public HttpApiStats stats() {
        return stats;
    }

    // ---- publishing

    private void events(HttpServerExchange exchange, App app, byte[] body) {
        ApiEvent event = parse(() -> ApiEvent.parse(body));
        publisher.validate(app, event);
        publisher.admit(app, List.of(event));
        Map<String, ChannelStats> info = publisher.publish(app, event);
        if (event.info() == null || info.isEmpty()) {
            Responses.json(exchange, 200, EMPTY_OBJECT);
            return;
        }
        Responses.json(exchange, 200, g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("channels");
            for (Map.Entry<String, ChannelStats> e : info.entrySet()) {
                g.writeFieldName(e.getKey());
                writeStats(g, e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private void batchEvents(HttpServerExchange exchange, App app, byte[] body) {
        List<ApiEvent> batch = parse(() -> ApiEvent.parseBatch(body));
        List<Map<String, ChannelStats>> infos = publisher.publishBatch(app, batch);
        boolean anyInfo = batch.stream().anyMatch(e -> e.info() != null);
        Responses.json(exchange, 200, g -> {
            g.writeStartObject();
            if (anyInfo) {
                g.writeArrayFieldStart("batch");
                for (int i = 0; i < batch.size(); i++) {
                    Map<String, ChannelStats> info = infos.get(i);
                    ChannelStats first = info.isEmpty() ? ChannelStats.NONE : info.values().iterator().next();
                    writeStats(g, first);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    private static <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (ApiEvent.InvalidBody e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private static void writeStats(JsonGenerator g, ChannelStats s) throws IOException {
        g.writeStartObject();
        if (s.userCount() >= 0) {
            g.writeNumberField("user_count", s.userCount());
        }
        if (s.subscriptionCount() >= 0) {
            g.writeNumberField("subscription_count", s.subscriptionCount());
        }
        g.writeEndObject();
    }

    // ---- queries

    private void channels(HttpServerExchange exchange, App app, byte[] body) {
        inspector.admitRead(app);
        Map<String, ChannelStats> channels = inspector.channels(app,
                SignedRequest.first(exchange.getQueryParameters(), "filter_by_prefix"),
                SignedRequest.first(exchange.getQueryParameters(), "info"));
        Responses.json(exchange, 200, g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("channels");
            for (Map.Entry<String, ChannelStats> e : channels.entrySet()) {
                g.writeFieldName(e.getKey());
                writeStats(g, e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private void channel(HttpServerExchange exchange, App app, byte[] body) {
        inspector.admitRead(app);
        String name = SignedRequest.pathParam(exchange, "channel");
        String info = SignedRequest.first(exchange.getQueryParameters(), "info");
        SignedRequest.whenReady(exchange, inspector.channel(app, name, info), report -> Responses.json(exchange, 200, g -> {
            g.writeStartObject();
            g.writeBooleanField("occupied", report.occupied());
            g.writeNumberField("subscription_count", report.subscriptionCount());
            if (!report.countComplete()) {
                g.writeBooleanField("subscription_count_complete", false); // a node did not answer in time
            }
            if (report.userCount() >= 0) {
                g.writeNumberField("user_count", report.userCount());
            }
            if (ApiEvent.wants(info, "cache") && report.cachedEvent() != null) {
                g.writeObjectFieldStart("cache");
                g.writeStringField("data", report.cachedEvent());
                g.writeNumberField("ttl", report.cacheTtlSeconds());
                g.writeEndObject();
            }
            g.writeEndObject();
        }));
    }

    private void users(HttpServerExchange exchange, App app, byte[] body) {
        inspector.admitRead(app);
        List<String> users = inspector.users(app, SignedRequest.pathParam(exchange, "channel"));
        Responses.json(exchange, 200, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("users");
            for (String id : users) {
                g.writeStartObject();
                g.writeStringField("id", id);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private void terminate(HttpServerExchange exchange, App app, byte[] body) {
        connections.terminateUserConnections(app.id(), SignedRequest.pathParam(exchange, "userId"));
        Responses.json(exchange, 200, EMPTY_OBJECT);
    }
}
