package io.sockudo.server;

import io.sockudo.adapter.Adapter;
import io.sockudo.adapter.ConnectionHandler;
import io.sockudo.adapter.EngineOptions;
import io.sockudo.adapter.HorizontalAdapter;
import io.sockudo.adapter.LocalAdapter;
import io.sockudo.adapter.api.ChannelInspector;
import io.sockudo.adapter.api.EventPublisher;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.AppManager;
import io.sockudo.adapter.app.StaticAppManager;
import io.sockudo.adapter.cluster.AdapterSettings;
import io.sockudo.adapter.cluster.Backbone;
import io.sockudo.adapter.cluster.drivers.Backbones;
import io.sockudo.adapter.health.HealthCheck;
import io.sockudo.adapter.hooks.ChannelCache;
import io.sockudo.adapter.hooks.WebhookSink;
import io.sockudo.server.config.AppStoreConfig;
import io.sockudo.server.config.ChannelCacheConfig;
import io.sockudo.server.config.QueueConfig;
import io.sockudo.server.config.RateLimiterConfig;
import io.sockudo.server.config.ServerConfig;
import io.sockudo.server.config.TestPageConfig;
import io.sockudo.server.config.TlsConfig;
import io.sockudo.server.metrics.ServerMetrics;
import io.sockudo.server.testpage.TestPage;
import io.sockudo.store.app.AppCacheSettings;
import io.sockudo.store.app.CachingAppManager;
import io.sockudo.store.webhook.WebhookDispatcher;
import io.sockudo.store.webhook.WebhookSettings;
import io.sockudo.transport.UndertowServer;
import io.sockudo.transport.http.BodyLimits;
import io.sockudo.transport.http.CorsHandler;
import io.sockudo.transport.http.CorsPolicy;
import io.sockudo.transport.http.HealthRoutes;
import io.sockudo.transport.http.HttpApi;
import io.sockudo.transport.http.PathPrefix;
import io.sockudo.transport.http.TrafficGate;
import io.sockudo.transport.tls.ServerTls;
import io.sockudo.transport.websocket.WebSocketEndpoint;
import io.sockudo.transport.websocket.WebSocketOptions;
import io.sockudo.transport.websocket.WebSocketWireFormat;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A running Pusher-protocol server: WebSocket endpoint and HTTP API on one port.
 *
 * <pre>{@code
 * try (SockudoServer server = SockudoServer.builder()
 *         .port(6001)
 *         .app(App.builder("app-id", "app-key", "app-secret").build())
 *         .start()) {
 *     server.awaitShutdown();
 * }
 * }</pre>
 */
public final class SockudoServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SockudoServer.class.getName());

    /** The least time queued webhooks get at shutdown, however long clients took to leave. */
    static final Duration MIN_WEBHOOK_GRACE = Duration.ofSeconds(1);

    private final UndertowServer net;
    private final ConnectionHandler connections;
    /** This node's link to the others of its cluster; null with the local adapter. */
    private final HorizontalAdapter cluster;
    private final ServerMetrics metrics;
    private final WebSocketEndpoint ws;
    /** The webhook dispatcher this server created and therefore closes; null when the embedder gave a sink. */
    private final WebhookDispatcher ownedWebhooks;
    /** The app database, Redis clients, ... this server opened and therefore closes. */
    private final OwnedResources owned;
    private final ScheduledThreadPoolExecutor timer;
    private final Duration shutdownGrace;
    /** TLS on the client port, or null for plain text. */
    private final ServerTls tls;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closed;

    private SockudoServer(Builder b, AppManager store, ChannelCache cache, RoutingHandler routes, OwnedResources owned) {
        // first: a driver that cannot be honoured stops the start before anything is opened
        Optional<Backbone> backbone = Backbones.create(b.adapter, b.nodeId != null ? b.nodeId : UUID.randomUUID().toString());
        this.shutdownGrace = b.shutdownGrace;
        // read before any thread starts, so that unusable certificates leave nothing running
        this.tls = b.tls.enabled() ? new ServerTls(b.tls.certPath(), b.tls.keyPath(), b.tls.passphrase()) : null;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sockudo-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.net = new UndertowServer(new UndertowServer.NetOptions(b.host, b.port, b.ioThreads, b.workerThreads, b.backlog,
                b.idleHttpMillis, b.requestParseMillis));
        this.owned = owned;
        AppManager apps = b.appCache != null ? new CachingAppManager(store, b.appCache) : store;
        this.ownedWebhooks = b.webhooks == null
                ? new WebhookDispatcher(b.webhookSettings, WebhookQueues.open(b.queue, b.webhookSettings, apps)) : null;
        WebhookSink webhooks = b.webhooks != null ? b.webhooks : ownedWebhooks;
        LocalAdapter local = new LocalAdapter(net.shards(), WebSocketWireFormat.INSTANCE, b.engine.clock());
        this.cluster = backbone.map(bb -> new HorizontalAdapter(local, bb, cache)).orElse(null);
        Adapter adapter = cluster != null ? cluster : local;
        this.connections = new ConnectionHandler(local, adapter, apps, b.engine, webhooks, cache, timer);
        EventPublisher publisher = new EventPublisher(adapter, cache, b.engine);
        ChannelInspector inspector = new ChannelInspector(adapter, cache, b.engine);
        HttpApi api = new HttpApi(apps, publisher, inspector, connections, b.bodyLimits(), Clock.systemUTC(),
                b.acceptTrafficThreshold < 1 ? TrafficGate.memoryThreshold(b.acceptTrafficThreshold) : TrafficGate.OPEN);
        this.ws = new WebSocketEndpoint(connections, net.shardsByThread(), b.webSocket);
        // path parameters stay out of the query: signatures cover the query exactly as the client sent it
        routes.get("/app/{appKey}", ws);
        api.addRoutes(routes);
        if (b.testPage.enabled()) {
            new TestPage(apps, b.testPage.path()).addRoutes(routes);
        }
        HealthCheck adapterHealth = cluster != null ? cluster.backbone() : adapter; // the cluster's health is its backbone's
        new HealthRoutes(apps, HealthComponents.of(adapterHealth, apps, cache, webhooks, b.healthCheckTimeout), connections::isDraining, b.usageEnabled)
                .addRoutes(routes, api::bounded);
        this.metrics = b.metricsPort >= 0 ? new ServerMetrics(new ServerMetrics.Sources(connections, local, ws, apps,
                api.stats(), ownedWebhooks, backbone.orElse(null), net::port), b.metricsPrefix) : null;
        connections.start();
        if (cluster != null) {
            cluster.start();
        }
        HttpHandler root = new CorsHandler(b.cors, new PathPrefix(b.pathPrefix, routes));
        net.start(root, tls == null ? null : new UndertowServer.Tls(tls.context(), b.tls.redirectHttp() ? b.tls.httpPort() : -1),
                b.metricsHost, b.metricsPort, metrics == null ? null : metrics.handler());
        if (tls != null) {
            long every = b.tlsCheckInterval.toMillis();
            timer.scheduleWithFixedDelay(tls::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port the server listens on. */
    public int port() {
        return net.port();
    }

    /** The metrics port, or -1 when metrics are off. */
    public int metricsPort() {
        return metrics == null ? -1 : net.metricsPort();
    }

    /** The plain port redirecting to TLS ({@code ssl.redirect_http}), or -1 without one. */
    public int redirectPort() {
        return tls == null ? -1 : net.redirectPort();
    }

    /**
     * Reads the TLS certificate and key files again (SIGHUP); new handshakes get the new
     * certificate, established connections stay as they are.
     *
     * @return whether the new certificate is in use; false without TLS or when the files are unusable
     *         (the certificate in use stays)
     */
    public boolean reloadTls() {
        return tls != null && tls.reload();
    }

    /** This node's id in its cluster, or null with the local adapter. */
    public String nodeId() {
        return cluster == null ? null : cluster.backbone().nodeId();
    }

    /** Whether this node sends a channel's cluster-wide webhooks (always with the local adapter). */
    public boolean speaksFor(String appId, String channel) {
        return cluster == null || cluster.speaksFor(appId, channel);
    }

    /** Whether this node is connected to its cluster's backbone; always with the local adapter. */
    public boolean clusterConnected() {
        return cluster == null || cluster.backbone().connected();
    }

    /** The other nodes this one currently sees alive; empty with the local adapter. */
    public Set<String> peers() {
        return cluster == null ? Set.of() : cluster.backbone().peers();
    }

    public ConnectionHandler connections() {
        return connections;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    /**
     * Stops gracefully: every client is told to reconnect (4200) and given up to the shutdown
     * grace to receive it and leave (meanwhile {@code /up} answers {@code DRAINING} and new
     * WebSockets are refused with 503), the listener and the I/O threads stop, webhooks still waiting for
     * their debounce are sent, and queued webhooks get what is left of the shutdown grace (at
     * least {@link #MIN_WEBHOOK_GRACE}, for the events the leaving clients caused) to go out.
     * Webhooks still undelivered then are logged with their endpoints.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        try {
            connections.drain();
            while ((connections.connectionCount() > 0 || ws.openSockets() > 0) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            net.close();
            if (cluster != null) {
                // after the clients left, so the other nodes learn their leaving before this node's
                cluster.close();
            }
            connections.flushWebhooks();
            timer.shutdownNow();
            if (ownedWebhooks != null) {
                long left = deadline - System.nanoTime();
                ownedWebhooks.shutdown(Duration.ofNanos(Math.max(left, MIN_WEBHOOK_GRACE.toNanos())));
            }
            owned.close();
            stopped.countDown();
            LOG.log(System.Logger.Level.INFO, "stopped");
        }
    }

    /** Configures and starts a {@link SockudoServer}; every setting has a working default. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = 6001;
        private int ioThreads;
        private int workerThreads = 8;
        private int backlog = 4096;
        private final List<App> apps = new ArrayList<>();
        private AppManager appManager;
        private AppCacheSettings appCache;
        /** The app database to open when neither apps nor an app manager are given. */
        private AppStoreConfig appStore = AppStoreConfig.MEMORY;
        private EngineOptions engine = EngineOptions.defaults();
        private WebSocketOptions webSocket = WebSocketOptions.defaults();
        private WebhookSink webhooks;
        private WebhookSettings webhookSettings = WebhookSettings.defaults();
        /** The channel cache; null for the one {@link #cacheConfig} names. */
        private ChannelCache cache;
        private ChannelCacheConfig cacheConfig = ChannelCacheConfig.MEMORY;
        private RateLimiterConfig rateLimits = RateLimiterConfig.OFF;
        private QueueConfig queue = QueueConfig.MEMORY;
        private long maxHttpBodyBytes = BodyLimits.DEFAULT_MAX_BODY_BYTES;
        private long httpBodyMemory;
        private Duration httpBodyTimeout = BodyLimits.DEFAULT_BODY_TIMEOUT;
        private Duration shutdownGrace = Duration.ofSeconds(10);
        private Duration healthCheckTimeout = Duration.ofMillis(2000);
        private boolean usageEnabled = true;
        /** 1: never refuse; the config file's default is sockudo's 0.90. */
        private double acceptTrafficThreshold = 1;
        private int idleHttpMillis = UndertowServer.NetOptions.DEFAULT_IDLE_HTTP_MILLIS;
        private int requestParseMillis = UndertowServer.NetOptions.DEFAULT_REQUEST_PARSE_MILLIS;
        private TlsConfig tls = TlsConfig.OFF;
        private Duration tlsCheckInterval = Duration.ofSeconds(10);
        private CorsPolicy cors = CorsPolicy.DEFAULTS;
        private String pathPrefix = "";
        private AdapterSettings adapter = AdapterSettings.DEFAULTS;
        private String nodeId;
        private String metricsHost = "0.0.0.0";
        private int metricsPort = -1;
        private String metricsPrefix = "sockudo_";
        private TestPageConfig testPage = TestPageConfig.DISABLED;

        private Builder() {
        }

        public Builder host(String host) { this.host = host; return this; }
        public Builder port(int port) { this.port = port; return this; }
        public Builder ioThreads(int n) { this.ioThreads = n; return this; }
        public Builder workerThreads(int n) { this.workerThreads = n; return this; }
        public Builder backlog(int n) { this.backlog = n; return this; }
        public Builder app(App app) { this.apps.add(app); return this; }
        public Builder apps(List<App> apps) { this.apps.addAll(apps); return this; }
        public Builder appManager(AppManager m) { this.appManager = m; return this; }
        /** Keeps apps in memory in front of the app manager ({@code app_manager.cache}); off unless set. */
        public Builder appCache(AppCacheSettings settings) { this.appCache = settings; return this; }
        public Builder engine(EngineOptions o) { this.engine = o; return this; }
        public Builder webSocket(WebSocketOptions o) { this.webSocket = o; return this; }
        /** Where webhook events go; by default a {@link WebhookDispatcher} with {@link #webhookSettings}, closed with the server. */
        public Builder webhooks(WebhookSink sink) { this.webhooks = sink; return this; }
        public Builder webhookSettings(WebhookSettings settings) { this.webhookSettings = settings; return this; }
        public Builder channelCache(ChannelCache cache) { this.cache = cache; return this; }
        /** Where the webhook dispatcher this server creates queues batches ({@code queue.driver}; memory by default). */
        public Builder queue(QueueConfig config) { this.queue = Objects.requireNonNull(config, "config"); return this; }
        /** HTTP API and WebSocket connection limits per client address ({@code rate_limiter}); off unless set. */
        public Builder rateLimits(RateLimiterConfig config) { this.rateLimits = Objects.requireNonNull(config, "config"); return this; }
        /** The channel cache to build at start when none is given ({@code cache.driver}; memory by default). */
        public Builder channelCache(ChannelCacheConfig config) { this.cacheConfig = Objects.requireNonNull(config, "config"); return this; }
        public Builder maxHttpBodyBytes(long n) { this.maxHttpBodyBytes = n; return this; }
        /** Memory all HTTP API bodies being read may take together; 0 (default): 64 MiB, or twice the body limit when more. */
        public Builder httpBodyMemory(long bytes) { this.httpBodyMemory = bytes; return this; }
        /** How long an HTTP API request's body may take to arrive (30 s). */
        public Builder httpBodyTimeout(Duration d) { this.httpBodyTimeout = d; return this; }
        /** The longest a stopping server waits for its clients to leave ({@code shutdown_grace_period}, 10 s). */
        public Builder shutdownGrace(Duration d) { this.shutdownGrace = d; return this; }
        /** TLS on the client port; the files are read at {@link #start()}, which fails when they are unusable. */
        public Builder tls(TlsConfig t) { this.tls = t; return this; }
        /** How often the TLS files are checked for a change (10 s). */
        public Builder tlsCheckInterval(Duration d) { this.tlsCheckInterval = d; return this; }
        public Builder cors(CorsPolicy p) { this.cors = p; return this; }
        /** Every route under this path ({@code /ws}); {@code /} or empty for none. */
        public Builder pathPrefix(String p) { this.pathPrefix = p; return this; }
        /** How long {@code /up} waits for each component ({@code health_check_timeout_ms}, 2 s). */
        public Builder healthCheckTimeout(Duration d) { this.healthCheckTimeout = d; return this; }
        /** Whether {@code GET /usage} is served ({@code http_api.usage_enabled}, true). */
        public Builder usageEnabled(boolean on) { this.usageEnabled = on; return this; }
        /**
         * Refuse signed HTTP API requests (503) while more than this fraction of the machine's
         * memory is in use ({@code http_api.accept_traffic.memory_threshold}); 1 (the default here) never refuses.
         */
        public Builder acceptTrafficMemoryThreshold(double fraction) { this.acceptTrafficThreshold = fraction; return this; }
        /** How this node joins its cluster ({@code adapter.*}); the local adapter (one node) unless set. */
        public Builder adapter(AdapterSettings settings) { this.adapter = settings; return this; }
        /** This node's id in its cluster; a random UUID unless set. */
        public Builder nodeId(String id) { this.nodeId = id; return this; }

        /**
         * Takes every setting a config file and the environment give: listener, engine and
         * socket limits, HTTP body limit, shutdown grace, metrics listener, the apps (possibly
         * none) or the app database to open at start, and the app cache in front of them. Setters
         * called afterwards override single settings: an {@link #appManager} given later sits
         * behind the configured cache, in place of the configured apps or database.
         */
        public Builder config(ServerConfig config) {
            return ConfigSettings.apply(config, this);
        }

        /** How long an HTTP connection may sit without a request, and may take to send one (upgraded WebSockets are exempt). */
        public Builder httpTimeouts(int idleMillis, int parseMillis) { this.idleHttpMillis = idleMillis; this.requestParseMillis = parseMillis; return this; }
        /** Serves Prometheus metrics at {@code /metrics} on this port (0: any free port); off unless set. */
        public Builder metrics(String host, int port) { this.metricsHost = host; this.metricsPort = port; return this; }
        /** Put before every sockudo metric name ({@code metrics.prometheus.prefix}, {@code sockudo_}). */
        public Builder metricsPrefix(String prefix) { this.metricsPrefix = prefix; return this; }
        /** Serves the interactive test page and its signing endpoints ({@code test_page.*}); off unless set. */
        public Builder testPage(TestPageConfig page) { this.testPage = page; return this; }

        private BodyLimits bodyLimits() {
            BodyLimits d = BodyLimits.forMaxBody(maxHttpBodyBytes);
            return new BodyLimits(maxHttpBodyBytes, httpBodyMemory > 0 ? httpBodyMemory : d.inFlightBytes(), httpBodyTimeout);
        }

        /** Where apps come from when neither {@link #app} nor {@link #appManager} is given: a database opened at start. */
        public Builder appStore(AppStoreConfig config) { this.appStore = Objects.requireNonNull(config, "config"); return this; }

        public SockudoServer start() {
            if (appManager == null && apps.isEmpty() && appStore.memory()) {
                throw new IllegalStateException("no apps: add one with app(...), give an appManager(...) or an appStore(...)");
            }
            OwnedResources owned = new OwnedResources();
            try {
                AppManager store = appManager;
                if (store == null && !apps.isEmpty()) {
                    store = new StaticAppManager(apps);
                } else if (store == null) {
                    AppStores.Opened opened = AppStores.open(appStore);
                    owned.add(opened.resources());
                    store = opened.apps();
                }
                ChannelCache channelCache = cache;
                if (channelCache == null) {
                    ChannelCaches.Opened opened = ChannelCaches.open(cacheConfig, engine.clock());
                    owned.add(opened.resources());
                    channelCache = opened.cache();
                }
                RoutingHandler routes = RateLimits.routes(rateLimits, engine.clock(), owned);
                return new SockudoServer(this, store, channelCache, routes, owned);
            } catch (RuntimeException | Error e) {
                owned.close();
                throw e;
            }
        }
    }
}
