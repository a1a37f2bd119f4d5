package io.sockudo.transport;

import io.sockudo.adapter.connection.Shard;
import io.sockudo.transport.http.CorsHandler;
import io.sockudo.transport.http.CorsPolicy;
import io.sockudo.transport.http.HttpsRedirect;
import io.sockudo.transport.http.Responses;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

/**
 * The network side: an XNIO worker whose I/O threads become the engine's shards, and an
 * Undertow listener serving the WebSocket endpoint and the HTTP API on one port.
 *
 * <p>Built in two steps because the engine needs the shards before the routes exist:
 * {@code new UndertowServer(options)}, build the engine on {@link #shards()}, then
 * {@link #start(RoutingHandler)}.
 */
public final class UndertowServer implements AutoCloseable {

    /**
     * @param host          interface to listen on
     * @param port          port, 0 for any free one
     * @param ioThreads     I/O threads (shards); 0 for one per core, at least 2
     * @param workerThreads threads for blocking work off the I/O threads
     * @param backlog       listen backlog; connection storms need thousands
     * @param idleHttpMillis how long an HTTP connection may sit without a request (keep-alive idle, or
     *                      a client that connects and says nothing); upgraded WebSockets are not affected
     * @param requestParseMillis how long a client may take to send a request's headers
     */
    public record NetOptions(String host, int port, int ioThreads, int workerThreads, int backlog,
                             int idleHttpMillis, int requestParseMillis) {

        public static final int DEFAULT_IDLE_HTTP_MILLIS = 60_000;
        public static final int DEFAULT_REQUEST_PARSE_MILLIS = 10_000;

        public NetOptions(String host, int port, int ioThreads, int workerThreads, int backlog) {
            this(host, port, ioThreads, workerThreads, backlog, DEFAULT_IDLE_HTTP_MILLIS, DEFAULT_REQUEST_PARSE_MILLIS);
        }

        public static NetOptions defaults(String host, int port) {
            return new NetOptions(host, port, 0, 8, 4096);
        }
    }

    private final NetOptions options;
    private final XnioWorker worker;
    private final Shard[] shards;
    private final Map<XnioIoThread, Shard> shardByThread = new LinkedHashMap<>();
    private Undertow undertow;
    /** Listener indexes in the order they were added; -1 when absent. */
    private int listeners;
    private int metricsListener = -1;
    private int redirectListener = -1;
    private int clientListener = -1;

    public UndertowServer(NetOptions options) {
        this.options = options;
        TrailerParserDefect.install();
        int io = options.ioThreads() > 0 ? options.ioThreads() : Math.max(2, Runtime.getRuntime().availableProcessors());
        try {
            this.worker = Xnio.getInstance().createWorker(OptionMap.builder()
                    .set(Options.WORKER_IO_THREADS, io)
                    .set(Options.WORKER_TASK_CORE_THREADS, options.workerThreads())
                    .set(Options.WORKER_TASK_MAX_THREADS, options.workerThreads())
                    .set(Options.TCP_NODELAY, true)
                    .set(Options.WORKER_NAME, "sockudo")
                    .getMap());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the I/O worker", e);
        }
        this.shards = new Shard[worker.getIoThreadCount()];
        for (int i = 0; i < shards.length; i++) {
            XnioIoThread t = worker.getIoThread(i);
            XnioShard s = new XnioShard(i, t);
            shards[i] = s;
            shardByThread.put(t, s);
        }
    }

    public Shard[] shards() {
        return shards.clone();
    }

    public Map<XnioIoThread, Shard> shardsByThread() {
        return shardByThread;
    }

    /**
     * TLS on the client port.
     *
     * @param context      serves every handshake; its key manager may change the certificate at any time
     * @param redirectPort a plain-HTTP port whose requests are redirected to {@code https://} (301), 0 for
     *                     any free one, -1 for none
     */
    public record Tls(SSLContext context, int redirectPort) {
    }

    /** Starts listening with these routes, CORS open to every origin; anything else answers the routes' fallback, by default 404. */
    public void start(RoutingHandler routes) {
        start(new CorsHandler(CorsPolicy.DEFAULTS, routes), null, null, 0, null);
    }

    /**
     * Starts listening: {@code root} on the client port, plain or with {@code tls}, and when
     * {@code metricsHandler} is given, a second listener for it (Prometheus scrapes stay off the
     * client port).
     */
    public void start(HttpHandler root, Tls tls, String metricsHost, int metricsPort, HttpHandler metricsHandler) {
        Undertow.Builder b = Undertow.builder();
        if (metricsHandler != null) {
            b.addHttpListener(metricsPort, metricsHost, new RoutingHandler(false).get("/metrics", metricsHandler)
                    .setFallbackHandler(exchange -> Responses.error(exchange, 404, "not_found", "Metrics are at /metrics")));
            metricsListener = listeners++;
        }
        if (tls != null && tls.redirectPort() >= 0) {
            redirectListener = listeners++;
            // the TLS port is known only once bound; the redirect reads it then
            b.addHttpListener(tls.redirectPort(), options.host(), exchange -> new HttpsRedirect(port(), options.host())
                    .handleRequest(exchange));
        }
        if (tls != null) {
            b.addHttpsListener(options.port(), options.host(), tls.context());
        } else {
            b.addHttpListener(options.port(), options.host());
        }
        clientListener = listeners++;
        undertow = b
                .setWorker(worker)
                .setSocketOption(Options.BACKLOG, options.backlog())
                .setSocketOption(Options.REUSE_ADDRESSES, true)
                .setSocketOption(Options.TCP_NODELAY, true)
                .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
                // the HTTP API bounds bodies itself (413, a deadline, a memory budget); Undertow's
                // limit (2 MiB) would instead reset the connection and print a stack trace each time
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, Long.MAX_VALUE)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, options.idleHttpMillis())
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, options.requestParseMillis())
                .setHandler(root)
                .build();
        undertow.start();
    }

    /** The client port actually bound (useful with port 0). */
    public int port() {
        return boundPort(clientListener);
    }

    /** The metrics port actually bound, or -1 without a metrics listener. */
    public int metricsPort() {
        return boundPort(metricsListener);
    }

    /** The plain-HTTP port that redirects to TLS, or -1 without one. */
    public int redirectPort() {
        return boundPort(redirectListener);
    }

    private int boundPort(int listener) {
        return listener < 0 ? -1 : ((InetSocketAddress) undertow.getListenerInfo().get(listener).getAddress()).getPort();
    }

    /** Stops accepting, then stops the I/O threads. */
    @Override
    public void close() {
        if (undertow != null) {
            undertow.stop();
        }
        worker.shutdown();
        try {
            worker.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.shutdownNow();
    }
}
