package io.sockudo.bench.stores;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A local webhook endpoint: answers every POST with 200 and counts the requests and the events
 * in their bodies ({@code {"time_ms": ..., "events": [...]}}), noting when the last one came.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final LongAdder requests = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final AtomicLong lastNanos = new AtomicLong();

    WebhookReceiver() throws IOException {
        // the JDK server leaves Nagle on by default; with it a keep-alive sender waits for delayed ACKs
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/webhooks", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks";
    }

    long requests() {
        return requests.sum();
    }

    long events() {
        return events.sum();
    }

    /** {@link System#nanoTime()} when the last request was counted. */
    long lastNanos() {
        return lastNanos.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int n;
        try (InputStream body = exchange.getRequestBody()) {
            n = countEvents(body);
        }
        events.add(n);
        requests.increment();
        lastNanos.accumulateAndGet(System.nanoTime(), Math::max);
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    /** The number of elements of the top-level {@code events} array. */
    static int countEvents(InputStream body) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a webhook body is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("events") && value == JsonToken.START_ARRAY) {
                    int n = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        n++;
                        p.skipChildren();
                    }
                    return n;
                }
                p.skipChildren();
            }
            throw new IOException("a webhook body without an events array");
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
