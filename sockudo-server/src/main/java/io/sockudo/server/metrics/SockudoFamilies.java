package io.sockudo.server.metrics;

import io.sockudo.adapter.AppStats;
import io.sockudo.adapter.BroadcastLatency;
import io.sockudo.adapter.DeltaStats;
import io.sockudo.adapter.cluster.RequestStats;
import io.sockudo.adapter.stats.LatencyHistogram;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * sockudo's metric families that are not about connections and traffic: rate limits, broadcast
 * latency, the horizontal adapter and delta compression. A family with nothing to report (the
 * horizontal adapter's on a single node) is still declared, so that dashboards find its name.
 */
final class SockudoFamilies {

    /** Names of the horizontal adapter's families, recorded by the cluster backbone. */
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

    /** {@code broadcast_latency_ms} by app, channel type and recipient-count bucket, as sockudo labels it. */
    static void broadcastLatency(PrometheusText t, String port, Map<String, BroadcastLatency> byApp) {
        String name = "broadcast_latency_ms";
        t.family(name, "histogram", "End-to-end latency for broadcast messages in milliseconds");
        byApp.forEach((id, latency) -> {
            for (int type = 0; type < AppStats.CHANNEL_TYPES.length; type++) {
                for (int bucket = 0; bucket < BroadcastLatency.RECIPIENT_BUCKETS.length; bucket++) {
                    LatencyHistogram h = latency.histogram(type, bucket);
                    if (h != null) {
                        histogram(t, name, h, "app_id", id, "port", port, "channel_type", AppStats.CHANNEL_TYPES[type],
                                "recipient_count_bucket", BroadcastLatency.RECIPIENT_BUCKETS[bucket]);
                    }
                }
            }
        });
    }

    /** A histogram's {@code _bucket}, {@code _sum} and {@code _count} samples under the given labels. */
    private static void histogram(PrometheusText t, String name, LatencyHistogram h, String... labels) {
        double[] bounds = h.bounds();
        long[] cumulative = h.cumulative();
        String[] withLe = Arrays.copyOf(labels, labels.length + 2);
        withLe[labels.length] = "le";
        for (int i = 0; i < bounds.length; i++) {
            withLe[labels.length + 1] = bound(bounds[i]);
            t.sample(name + "_bucket", cumulative[i], withLe);
        }
        long count = h.count();
        withLe[labels.length + 1] = "+Inf";
        t.sample(name + "_bucket", Math.max(count, cumulative[cumulative.length - 1]), withLe);
        t.sample(name + "_sum", h.sum(), labels);
        t.sample(name + "_count", count, labels);
    }

    private static String bound(double b) {
        return b == Math.rint(b) ? Long.toString((long) b) : BigDecimal.valueOf(b).toPlainString();
    }

    /** The horizontal adapter's request families, per app, from the cluster backbone (none on a single node). */
    static void horizontalAdapter(PrometheusText t, String port, Map<String, RequestStats> byApp) {
        Map<String, RequestStats> sorted = new TreeMap<>(byApp);
        t.family(RESOLVE_TIME, "histogram", "The average resolve time for requests to other nodes");
        sorted.forEach((id, r) -> histogram(t, RESOLVE_TIME, r.resolveTime(), "app_id", id, "port", port));
        counter(t, RESOLVED_PROMISES, "The total amount of promises that were fulfilled by other nodes",
                sorted, port, RequestStats::resolvedPromises);
        counter(t, UNCOMPLETE_PROMISES, "The total amount of promises that were not fulfilled entirely by other nodes",
                sorted, port, RequestStats::uncompletePromises);
        counter(t, SENT_REQUESTS, "The total amount of sent requests to other nodes", sorted, port, RequestStats::sentRequests);
        counter(t, RECEIVED_REQUESTS, "The total amount of received requests from other nodes",
                sorted, port, RequestStats::receivedRequests);
        counter(t, RECEIVED_RESPONSES, "The total amount of received responses from other nodes",
                sorted, port, RequestStats::receivedResponses);
        t.family(DELTA_ENABLED, "counter", "Total number of horizontal broadcasts with delta compression enabled");
    }

    private static <S> void counter(PrometheusText t, String name, String help, Map<String, S> byApp, String port,
                                    ToLongFunction<S> value) {
        t.family(name, "counter", help);
        byApp.forEach((id, s) -> t.sample(name, value.applyAsLong(s), "app_id", id, "port", port));
    }

    /** Delta compression per app (sockudo also labels it per channel; see docs/metrics.md). */
    static void delta(PrometheusText t, String port, Map<String, DeltaStats> byApp) {
        counter(t, "delta_compression_bandwidth_saved_bytes", "Total bytes saved by delta compression",
                byApp, port, DeltaStats::bytesSaved);
        counter(t, "delta_compression_bandwidth_original_bytes", "Total original bytes before delta compression",
                byApp, port, DeltaStats::originalBytes);
        counter(t, "delta_compression_full_messages_total", "Total number of full messages sent (not deltas)",
                byApp, port, DeltaStats::fullMessages);
        counter(t, "delta_compression_delta_messages_total", "Total number of delta messages sent",
                byApp, port, DeltaStats::deltaMessages);
    }
}
