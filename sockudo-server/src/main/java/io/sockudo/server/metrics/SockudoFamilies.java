package io.sockudo.server.metrics;

import io.sockudo.adapter.AppStats;
import io.sockudo.adapter.DeltaStats;
import io.sockudo.transport.http.HttpApiStats;
import java.util.Map;

/**
 * sockudo's metric families that are not about connections and traffic: rate limits, broadcast
 * latency, the horizontal adapter and delta compression. Families this node cannot measure yet
 * (the horizontal adapter's, for a cluster) are declared without samples, so that their names
 * are fixed here and dashboards find them.
 */
final class SockudoFamilies {

    /** Names of the horizontal adapter's families, recorded by a clustered adapter. */
    static final String RESOLVE_TIME = "horizontal_adapter_resolve_time";
    static final String RESOLVED_PROMISES = "horizontal_adapter_resolved_promises";
    static final String UNCOMPLETE_PROMISES = "horizontal_adapter_uncomplete_promises";
    static final String SENT_REQUESTS = "horizontal_adapter_sent_requests";
    static final String RECEIVED_REQUESTS = "horizontal_adapter_received_requests";
    static final String RECEIVED_RESPONSES = "horizontal_adapter_received_responses";
    static final String DELTA_ENABLED = "horizontal_delta_compression_enabled_total";

    private SockudoFamilies() {
    }

    /** Client events against {@code max_client_events_per_second}: the rate limit this server applies per socket. */
    static void rateLimits(PrometheusText t, String port, Map<String, AppStats> byApp) {
        t.family("rate_limit_checks_total", "counter", "Total number of rate limit checks performed");
        byApp.forEach((id, s) -> t.sample("rate_limit_checks_total", s.clientEventRateChecks(),
                "app_id", id, "port", port, "limiter_type", "client_events", "request_context", "websocket"));
        t.family("rate_limit_triggered_total", "counter", "Total number of times rate limit was triggered");
        byApp.forEach((id, s) -> t.sample("rate_limit_triggered_total", s.clientEventRateLimited(),
                "app_id", id, "port", port, "limiter_type", "client_events", "request_context", "websocket"));
    }

    static void broadcastLatency(PrometheusText t, String port, Map<String, HttpApiStats.App> http) {
        String name = "broadcast_latency_ms";
        t.family(name, "histogram", "End-to-end latency for broadcast messages in milliseconds");
        http.forEach((id, a) -> {
            for (int type = 0; type < AppStats.CHANNEL_TYPES.length; type++) {
                HttpApiStats.Histogram h = a.latency(type);
                if (h.count() == 0) {
                    continue;
                }
                String channelType = AppStats.CHANNEL_TYPES[type];
                long[] cumulative = h.cumulative();
                for (int i = 0; i < cumulative.length; i++) {
                    t.sample(name + "_bucket", cumulative[i], "app_id", id, "port", port, "channel_type", channelType,
                            "le", bound(HttpApiStats.LATENCY_BUCKETS_MS[i]));
                }
                t.sample(name + "_bucket", h.count(), "app_id", id, "port", port, "channel_type", channelType, "le", "+Inf");
                t.sample(name + "_sum", h.sum(), "app_id", id, "port", port, "channel_type", channelType);
                t.sample(name + "_count", h.count(), "app_id", id, "port", port, "channel_type", channelType);
            }
        });
    }

    private static String bound(double b) {
        return b == Math.rint(b) ? Long.toString((long) b) : Double.toString(b);
    }

    static void horizontalAdapter(PrometheusText t) {
        t.family(RESOLVE_TIME, "histogram", "The average resolve time for requests to other nodes");
        t.family(RESOLVED_PROMISES, "counter", "The total amount of promises that were fulfilled by other nodes");
        t.family(UNCOMPLETE_PROMISES, "counter", "The total amount of promises that were not fulfilled entirely by other nodes");
        t.family(SENT_REQUESTS, "counter", "The total amount of sent requests to other nodes");
        t.family(RECEIVED_REQUESTS, "counter", "The total amount of received requests from other nodes");
        t.family(RECEIVED_RESPONSES, "counter", "The total amount of received responses from other nodes");
        t.family(DELTA_ENABLED, "counter", "Total number of horizontal broadcasts with delta compression enabled");
    }

    /** Delta compression, counted node-wide (sockudo labels it per channel). */
    static void delta(PrometheusText t, String port, DeltaStats d) {
        t.family("delta_compression_bandwidth_saved_bytes", "counter", "Total bytes saved by delta compression")
                .sample("delta_compression_bandwidth_saved_bytes", d.bytesSaved(), "port", port);
        t.family("delta_compression_bandwidth_original_bytes", "counter", "Total original bytes before delta compression");
        t.family("delta_compression_full_messages_total", "counter", "Total number of full messages sent (not deltas)")
                .sample("delta_compression_full_messages_total", d.fullMessages(), "port", port);
        t.family("delta_compression_delta_messages_total", "counter", "Total number of delta messages sent")
                .sample("delta_compression_delta_messages_total", d.deltaMessages(), "port", port);
    }
}
