package io.sockudo.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sockudo.adapter.ConnectionHandler;
import io.sockudo.adapter.EngineStats;
import io.sockudo.adapter.LocalAdapter;
import io.sockudo.adapter.DeltaStats;
import io.sockudo.transport.websocket.WebSocketEndpoint;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus metrics with sockudo's names ({@code sockudo_connected},
 * {@code sockudo_new_connections_total}, {@code sockudo_ws_messages_sent_total}, ...). Every meter
 * reads a counter the engine or transport keeps anyway when scraped, so metrics add no work to
 * the message path.
 */
public final class ServerMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public ServerMetrics(ConnectionHandler connections, LocalAdapter adapter, WebSocketEndpoint ws) {
        EngineStats s = connections.stats();
        counter("sockudo_new_connections", "Connections established", s, EngineStats::connectionsOpened);
        counter("sockudo_new_disconnections", "Connections ended", s, EngineStats::connectionsClosed);
        counter("sockudo_connection_errors", "Connections refused or closed with a Pusher error", s, EngineStats::connectionErrors);
        counter("sockudo_channel_subscriptions", "Successful subscriptions", s, EngineStats::subscriptions);
        counter("sockudo_channel_unsubscriptions", "Unsubscriptions", s, EngineStats::unsubscriptions);
        counter("sockudo_subscription_errors", "Refused subscriptions", s, EngineStats::subscriptionRefusals);
        counter("sockudo_client_events", "Client events relayed", s, EngineStats::clientEvents);
        counter("sockudo_client_event_errors", "Client events refused", s, EngineStats::clientEventRefusals);
        counter("sockudo_malformed_frames", "Frames refused as malformed (4000)", s, EngineStats::malformedFrames);
        counter("sockudo_ws_messages_sent", "WebSocket frames sent", ws, w -> w.traffic().framesSent());
        counter("sockudo_socket_transmitted_bytes", "WebSocket bytes sent", ws, w -> w.traffic().bytesSent());
        counter("sockudo_ws_messages_received", "WebSocket messages received", ws, w -> w.traffic().framesReceived());
        counter("sockudo_ws_messages_compressed", "Messages compressed with permessage-deflate (once per broadcast without context takeover)",
                ws, WebSocketEndpoint::compressions);
        counter("sockudo_socket_received_bytes", "WebSocket bytes received", ws, w -> w.traffic().bytesReceived());
        counter("sockudo_slow_client_drops", "Frames dropped or sockets closed because a client read too slowly", ws,
                WebSocketEndpoint::droppedFrames);
        DeltaStats d = adapter.deltaStats();
        counter("sockudo_delta_full_messages", "Full frames sent to delta subscribers", d, DeltaStats::fullMessages);
        counter("sockudo_delta_messages", "Delta frames sent", d, DeltaStats::deltaMessages);
        counter("sockudo_delta_plain_messages", "Plain frames sent to delta subscribers whose deltas did not pay", d,
                DeltaStats::plainMessages);
        counter("sockudo_delta_bytes_saved", "Bytes not sent thanks to deltas", d, DeltaStats::bytesSaved);
        counter("sockudo_delta_sync_errors", "pusher:delta_sync_error received", d, DeltaStats::syncErrors);
        counter("sockudo_delta_computations", "Delta encodings computed (one per distinct base per message)", d, DeltaStats::deltasComputed);
        counter("sockudo_filtered_out", "Deliveries skipped by subscribers' tag filters", d, DeltaStats::filteredOut);
        Gauge.builder("sockudo_connected", connections, ConnectionHandler::connectionCount)
                .description("Connections open on this node").register(registry);
        Gauge.builder("sockudo_active_channels", adapter, LocalAdapter::channelCount)
                .description("Channels with at least one subscriber on this node").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    private <T> void counter(String name, String description, T source, ToDoubleFunction<T> read) {
        FunctionCounter.builder(name, source, read).description(description).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** {@code GET /metrics} in the Prometheus text format. */
    public HttpHandler handler() {
        return exchange -> {
            if (exchange.isInIoThread()) {
                exchange.dispatch(this.handler());
                return;
            }
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            exchange.getResponseSender().send(registry.scrape());
        };
    }
}
