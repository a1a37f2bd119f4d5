package io.sockudo.transport.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the HTTP API did, per app, for sockudo's {@code http_calls_received_total},
 * {@code http_received_bytes} and {@code http_transmitted_bytes}.
 * Counted only for authenticated requests: an unknown app must not create a label.
 */
public final class HttpApiStats {

    /** One app's HTTP API counters. */
    public static final class App {
        private final LongAdder calls = new LongAdder();
        private final LongAdder bytesReceived = new LongAdder();
        private final LongAdder bytesSent = new LongAdder();

        public long calls() {
            return calls.sum();
        }

        public long bytesReceived() {
            return bytesReceived.sum();
        }

        public long bytesSent() {
            return bytesSent.sum();
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
}
