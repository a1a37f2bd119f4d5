package io.sockudo.server.metrics;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sockudo.adapter.AppStats;
import io.sockudo.adapter.ConnectionHandler;
import io.sockudo.adapter.DeltaStats;
import io.sockudo.adapter.EngineStats;
import io.sockudo.adapter.LocalAdapter;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.AppManager;
import io.sockudo.adapter.cluster.Backbone;
import io.sockudo.store.webhook.WebhookDispatcher;
import io.sockudo.transport.http.HttpApiStats;
import io.sockudo.transport.websocket.WebSocketEndpoint;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Prometheus metrics with sockudo's names, types and labels ({@code app_id}, {@code port}, and
 * {@code channel_type} where sockudo has it), behind {@code metrics.prometheus.prefix}, so that
 * a dashboard written for sockudo works unchanged; plus this server's own where sockudo has none.
 * Every value is read when scraped from counters the engine, transport and HTTP API keep anyway:
 * metrics add no work to the message path. docs/metrics.md lists them all.
 */
public final class ServerMetrics {

    /** How long a scrape waits for the app store's list of apps; without it, per-app gauges show the apps seen so far. */
    private static final long APPS_TIMEOUT_MILLIS = 2000;

    /** The JVM's own meters (memory, GC, threads, CPU), under their usual unprefixed names. */
    private final PrometheusMeterRegistry jvm = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Sources sources;
    private final String prefix;

    /**
     * What the metrics are read from.
     *
     * @param connections the engine
     * @param adapter     this node's channels
     * @param ws          the WebSocket endpoint's traffic
     * @param apps        the app store, for per-app gauges of apps with no traffic yet
     * @param http        the HTTP API's counters
     * @param webhooks    the webhook dispatcher, or null when the embedder gave its own sink
     * @param backbone    the cluster backbone, or null on a single node
     * @param port        the client port, once bound (the {@code port} label)
     */
    public record Sources(ConnectionHandler connections, LocalAdapter adapter, WebSocketEndpoint ws, AppManager apps,
                          HttpApiStats http, WebhookDispatcher webhooks, Backbone backbone, IntSupplier port) {
    }

    public ServerMetrics(Sources sources, String prefix) {
        if (!PrometheusText.validPrefix(prefix)) {
            throw new IllegalArgumentException("metrics.prometheus.prefix is not a Prometheus name prefix: " + prefix);
        }
        this.sources = sources;
        this.prefix = prefix;
        new JvmMemoryMetrics().bindTo(jvm);
        new JvmGcMetrics().bindTo(jvm);
        new JvmThreadMetrics().bindTo(jvm);
        new ProcessorMetrics().bindTo(jvm);
    }

    /** Everything, in the Prometheus text format. */
    public String scrape() {
        PrometheusText t = new PrometheusText(prefix);
        String port = Integer.toString(sources.port().getAsInt());
        EngineStats engine = sources.connections().stats();
        Map<String, AppStats> byApp = engine.byApp();
        Map<String, HttpApiStats.App> http = sources.http().byApp();
        TreeSet<String> appIds = appIds(byApp, http);

        connections(t, port, appIds, byApp);
        channels(t, port, appIds, byApp);
        traffic(t, port, http);
        SockudoFamilies.rateLimits(t, port, byApp);
        SockudoFamilies.broadcastLatency(t, port, sources.adapter().broadcastLatencyByApp());
        SockudoFamilies.horizontalAdapter(t, port, sources.backbone() == null ? Map.of() : sources.backbone().stats().requests());
        SockudoFamilies.delta(t, port, sources.adapter().deltaStatsByApp());
        ownFamilies(t, port, engine, sources.adapter().deltaStats());
        return t.raw(jvm.scrape()).toString();
    }

    /** Every app the store lists, and any that counted something (an app removed since still has its totals). */
    private TreeSet<String> appIds(Map<String, AppStats> byApp, Map<String, HttpApiStats.App> http) {
        TreeSet<String> ids = new TreeSet<>(byApp.keySet());
        ids.addAll(http.keySet());
        try {
            for (App a : sources.apps().all().get(APPS_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                ids.add(a.id());
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // the store did not answer: the apps seen so far will do for this scrape
        }
        return ids;
    }

    private void connections(PrometheusText t, String port, TreeSet<String> appIds, Map<String, AppStats> byApp) {
        t.family("connected", "gauge", "The number of currently connected sockets");
        for (String id : appIds) {
            t.sample("connected", sources.adapter().socketsCount(id).join(), "app_id", id, "port", port);
        }
        t.family("new_connections_total", "counter", "Total amount of sockudo connection requests");
        byApp.forEach((id, s) -> t.sample("new_connections_total", s.connectionsOpened(), "app_id", id, "port", port));
        t.family("new_disconnections_total", "counter", "Total amount of sockudo disconnections");
        byApp.forEach((id, s) -> t.sample("new_disconnections_total", s.connectionsClosed(), "app_id", id, "port", port));
        t.family("connection_errors_total", "counter", "Total amount of connection errors by type");
        byApp.forEach((id, s) -> t.sample("connection_errors_total", s.connectionErrors(),
                "app_id", id, "port", port, "error_type", "pusher_error"));
    }

    private void channels(PrometheusText t, String port, TreeSet<String> appIds, Map<String, AppStats> byApp) {
        t.family("channel_subscriptions_total", "counter", "Total number of channel subscriptions");
        byApp.forEach((id, s) -> perType(t, "channel_subscriptions_total", id, port, s::subscriptions));
        t.family("channel_unsubscriptions_total", "counter", "Total number of channel unsubscriptions");
        byApp.forEach((id, s) -> perType(t, "channel_unsubscriptions_total", id, port, s::unsubscriptions));
        t.family("active_channels", "gauge", "Number of currently active channels");
        for (String id : appIds) {
            long[] active = new long[AppStats.CHANNEL_TYPES.length];
            for (String channel : sources.adapter().channelsWithSocketsCount(id, "").join().keySet()) {
                active[AppStats.channelType(channel)]++;
            }
            perType(t, "active_channels", id, port, i -> active[i]);
        }
    }

    private static void perType(PrometheusText t, String name, String appId, String port, java.util.function.IntToLongFunction count) {
        for (int i = 0; i < AppStats.CHANNEL_TYPES.length; i++) {
            t.sample(name, count.applyAsLong(i), "app_id", appId, "port", port, "channel_type", AppStats.CHANNEL_TYPES[i]);
        }
    }

    /**
     * WebSocket traffic per app. A socket's traffic before its app is known (frames sent during
     * the app lookup, sockets refused for an unknown app) is in one sample without {@code app_id},
     * written only when there is some, so that a sum over the family is the node's total.
     */
    private void traffic(PrometheusText t, String port, Map<String, HttpApiStats.App> http) {
        Map<String, WebSocketEndpoint.Traffic> ws = sources.ws().trafficByApp();
        WebSocketEndpoint.Traffic none = sources.ws().unattributedTraffic();
        wsFamily(t, port, "socket_received_bytes", "Total amount of bytes that sockudo received",
                ws, none, WebSocketEndpoint.Traffic::bytesReceived);
        wsFamily(t, port, "socket_transmitted_bytes", "Total amount of bytes that sockudo transmitted",
                ws, none, WebSocketEndpoint.Traffic::bytesSent);
        wsFamily(t, port, "ws_messages_received_total", "The total amount of WS messages received from connections by the server",
                ws, none, WebSocketEndpoint.Traffic::framesReceived);
        wsFamily(t, port, "ws_messages_sent_total", "The total amount of WS messages sent to the connections from the server",
                ws, none, WebSocketEndpoint.Traffic::framesSent);
        perApp(t, port, "http_received_bytes", "Total amount of bytes that sockudo's REST API received",
                http, HttpApiStats.App::bytesReceived);
        perApp(t, port, "http_transmitted_bytes", "Total amount of bytes that sockudo's REST API sent back",
                http, HttpApiStats.App::bytesSent);
        perApp(t, port, "http_calls_received_total", "Total amount of received REST API calls", http, HttpApiStats.App::calls);
    }

    /** A counter with one sample per app. */
    private static <T> void perApp(PrometheusText t, String port, String name, String help, Map<String, T> byApp,
                                   java.util.function.ToLongFunction<T> value) {
        t.family(name, "counter", help);
        byApp.forEach((id, w) -> t.sample(name, value.applyAsLong(w), "app_id", id, "port", port));
    }

    /** Per app, plus the traffic of sockets no app was known for yet, when there was any. */
    private static void wsFamily(PrometheusText t, String port, String name, String help, Map<String, WebSocketEndpoint.Traffic> byApp,
                                 WebSocketEndpoint.Traffic unattributed, java.util.function.ToLongFunction<WebSocketEndpoint.Traffic> value) {
        perApp(t, port, name, help, byApp, value);
        if (value.applyAsLong(unattributed) > 0) {
            t.sample(name, value.applyAsLong(unattributed), "port", port);
        }
    }

    /** This server's own: what sockudo does not measure. */
    private void ownFamilies(PrometheusText t, String port, EngineStats s, DeltaStats d) {
        t.family("open_websockets", "gauge", "WebSocket TCP connections open, closing ones included")
                .sample("open_websockets", sources.ws().openSockets(), "port", port);
        t.family("slow_client_drops_total", "counter", "Frames dropped or sockets closed because a client read too slowly")
                .sample("slow_client_drops_total", sources.ws().droppedFrames(), "port", port);
        t.family("ws_messages_compressed_total", "counter",
                "Messages compressed with permessage-deflate (once per broadcast without context takeover)")
                .sample("ws_messages_compressed_total", sources.ws().compressions(), "port", port);
        t.family("subscription_errors_total", "counter", "Refused subscriptions")
                .sample("subscription_errors_total", s.subscriptionRefusals(), "port", port);
        t.family("client_events_total", "counter", "Client events relayed")
                .sample("client_events_total", s.clientEvents(), "port", port);
        t.family("client_event_errors_total", "counter", "Client events refused")
                .sample("client_event_errors_total", s.clientEventRefusals(), "port", port);
        t.family("malformed_frames_total", "counter", "Frames refused as malformed (4000)")
                .sample("malformed_frames_total", s.malformedFrames(), "port", port);
        t.family("delta_sync_errors_total", "counter", "pusher:delta_sync_error received")
                .sample("delta_sync_errors_total", d.syncErrors(), "port", port);
        t.family("delta_plain_messages_total", "counter", "Plain frames sent to delta subscribers whose deltas did not pay")
                .sample("delta_plain_messages_total", d.plainMessages(), "port", port);
        t.family("delta_computations_total", "counter", "Delta encodings computed (one per distinct base per message)")
                .sample("delta_computations_total", d.deltasComputed(), "port", port);
        t.family("filtered_out_total", "counter", "Deliveries skipped by subscribers' tag filters")
                .sample("filtered_out_total", d.filteredOut(), "port", port);
        WebhookDispatcher w = sources.webhooks();
        if (w != null) {
            var c = w.counters();
            t.family("webhook_queue_depth", "gauge", "Webhook batches waiting for delivery")
                    .sample("webhook_queue_depth", w.queueDepth(), "port", port);
            t.family("webhook_deliveries_total", "counter", "Webhook deliveries by outcome (one per request body per endpoint)")
                    .sample("webhook_deliveries_total", c.sent(), "port", port, "result", "sent")
                    .sample("webhook_deliveries_total", c.failed(), "port", port, "result", "failed");
            t.family("webhook_retries_total", "counter", "Webhook delivery attempts repeated")
                    .sample("webhook_retries_total", c.retried(), "port", port);
            t.family("webhook_dropped_events_total", "counter", "Webhook events never delivered (queue full, or the server stopped)")
                    .sample("webhook_dropped_events_total", c.dropped(), "port", port);
        }
    }

    /** {@code GET /metrics} in the Prometheus text format. */
    public HttpHandler handler() {
        return exchange -> {
            if (exchange.isInIoThread()) {
                exchange.dispatch(this.handler());
                return;
            }
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            exchange.getResponseSender().send(scrape());
        };
    }
}
