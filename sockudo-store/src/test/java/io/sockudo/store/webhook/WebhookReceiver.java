package io.sockudo.store.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A webhook endpoint on loopback that records every request and answers as its script says. */
final class WebhookReceiver implements AutoCloseable {

    /** What to answer to the request with this arrival index (from 0) on this path. */
    @FunctionalInterface
    interface Script {
        Reply reply(int index, String path);
    }

    /** An answer: a status, optionally after a delay, or never (until the receiver closes). */
    record Reply(int status, long delayMillis, boolean hang, Map<String, String> headers) {
        static Reply of(int status) {
            return new Reply(status, 0, false, Map.of());
        }

        static Reply delayed(long millis, int status) {
            return new Reply(status, millis, false, Map.of());
        }

        static Reply never() {
            return new Reply(0, 0, true, Map.of());
        }

        Reply withHeader(String name, String value) {
            return new Reply(status, delayMillis, hang, Map.of(name, value));
        }
    }

    /** One request as it arrived. */
    record Request(int index, String method, String path, Headers headers, byte[] body, long arrivedNanos) {
        private static final Pattern ENVELOPE = Pattern.compile("\\{\"time_ms\":(\\d+),\"events\":(\\[.*])}");

        String header(String name) {
            return headers.getFirst(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The {@code events} array of the body, as sent. */
        String events() {
            return envelope().group(2);
        }

        long timeMs() {
            return Long.parseLong(envelope().group(1));
        }

        private Matcher envelope() {
            Matcher m = ENVELOPE.matcher(text());
            assertThat(m.matches()).as("webhook body %s", text()).isTrue();
            return m;
        }
    }

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "webhook-receiver");
        t.setDaemon(true);
        return t;
    });
    private final LinkedBlockingQueue<Request> arrivals = new LinkedBlockingQueue<>();
    private final List<Request> all = new ArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Script script = (i, p) -> Reply.of(200);

    private WebhookReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(LOOPBACK, port), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    static WebhookReceiver start() throws IOException {
        return new WebhookReceiver(0);
    }

    static WebhookReceiver startOn(int port) throws IOException {
        return new WebhookReceiver(port);
    }

    /** A port nobody listens on (for now). */
    static int unusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    static String urlOn(int port, String path) {
        return "http://127.0.0.1:" + port + path;
    }

    String url(String path) {
        return urlOn(server.getAddress().getPort(), path);
    }

    WebhookReceiver answering(Script s) {
        this.script = s;
        return this;
    }

    /** The next request, waiting up to 5 s for it. */
    Request next() throws InterruptedException {
        Request r = arrivals.poll(5, TimeUnit.SECONDS);
        assertThat(r).as("a webhook request within 5 s").isNotNull();
        return r;
    }

    /**
     * Stops the dispatcher and asserts how many requests arrived in all. Stopping finishes every
     * delivery started or scheduled (or reports that it could not), and a stopped dispatcher sends
     * nothing more: the count is final without waiting for anything that might still come.
     */
    void expectTotalOnceStopped(WebhookDispatcher dispatcher, int expected) {
        assertThat(dispatcher.shutdown(Duration.ofSeconds(5))).as("every delivery finished before stopping").isTrue();
        assertThat(count.get()).as("requests received").isEqualTo(expected);
    }

    int requestCount() {
        return count.get();
    }

    int maxConcurrentRequests() {
        return maxConcurrent.get();
    }

    List<Request> requests() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        boolean answered = false;
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            int index = count.getAndIncrement();
            Request r = new Request(index, ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestHeaders(),
                    body, System.nanoTime());
            synchronized (all) {
                all.add(r);
            }
            arrivals.add(r);
            Reply reply = script.reply(index, r.path());
            if (reply.hang()) {
                closing.await();
                return;
            }
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            // no longer in flight once answered: the sender may start its next request the moment
            // the answer arrives, before this thread gets to run again
            answered = true;
            concurrent.decrementAndGet();
            ex.sendResponseHeaders(reply.status(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!answered) {
                concurrent.decrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
