package io.sockudo.transport.http;

import io.sockudo.adapter.AppStats;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the HTTP API did, per app, for sockudo's {@code http_calls_received_total},
 * {@code http_received_bytes}, {@code http_transmitted_bytes} and {@code broadcast_latency_ms}.
 * Counted only for authenticated requests: an unknown app must not create a label.
 */
public final class HttpApiStats {

    /** sockudo's end-to-end latency buckets, in milliseconds. */
    public static final double[] LATENCY_BUCKETS_MS = {0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000};

    /** One app's HTTP API counters. */
    public static final class App {
        private final LongAdder calls = new LongAdder();
        private final LongAdder bytesReceived = new LongAdder();
        private final LongAdder bytesSent = new LongAdder();
        private final Histogram[] latency = new Histogram[AppStats.CHANNEL_TYPES.length];

        App() {
            for (int i = 0; i < latency.length; i++) {
                latency[i] = new Histogram();
            }
        }

        public long calls() {
            return calls.sum();
        }

        public long bytesReceived() {
            return bytesReceived.sum();
        }

        public long bytesSent() {
            return bytesSent.sum();
        }

        /** The publish latency of events to channels of the type at this index of {@link AppStats#CHANNEL_TYPES}. */
        public Histogram latency(int channelType) {
            return latency[channelType];
        }
    }

    /** Counts per bucket of {@link #LATENCY_BUCKETS_MS} (not cumulative), their sum and count. */
    public static final class Histogram {
        private final LongAdder[] buckets = new LongAdder[LATENCY_BUCKETS_MS.length];
        private final DoubleAdder sum = new DoubleAdder();
        private final LongAdder count = new LongAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(double ms) {
            for (int i = 0; i < buckets.length; i++) {
                if (ms <= LATENCY_BUCKETS_MS[i]) {
                    buckets[i].increment();
                    break;
                }
            }
            sum.add(ms);
            count.increment();
        }

        /** Observations at most {@code LATENCY_BUCKETS_MS[i]}, cumulative as Prometheus wants them. */
        public long[] cumulative() {
            long[] out = new long[buckets.length];
            long run = 0;
            for (int i = 0; i < buckets.length; i++) {
                run += buckets[i].sum();
                out[i] = run;
            }
            return out;
        }

        public double sum() {
            return sum.sum();
        }

        public long count() {
            return count.sum();
        }
    }

    private final ConcurrentHashMap<String, App> byApp = new ConcurrentHashMap<>();

    App app(String appId) {
        App a = byApp.get(appId);
        return a != null ? a : byApp.computeIfAbsent(appId, k -> new App());
    }

    /** Each app's counters, by app id. */
    public Map<String, App> byApp() {
        return Map.copyOf(byApp);
    }

    /** An authenticated call: counts it and its body now, its response's bytes once sent. */
    void call(String appId, int bodyBytes, io.undertow.server.HttpServerExchange exchange) {
        App a = app(appId);
        a.calls.increment();
        a.bytesReceived.add(bodyBytes);
        exchange.addExchangeCompleteListener((ex, next) -> {
            a.bytesSent.add(ex.getResponseBytesSent());
            next.proceed();
        });
    }

    /** A publish to {@code channel} took this long, from its body being read to every I/O thread having it. */
    void published(String appId, String channel, long nanos) {
        app(appId).latency[AppStats.channelType(channel)].observe(nanos / 1_000_000.0);
    }
}
