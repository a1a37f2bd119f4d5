package io.sockudo.server.config;

import io.sockudo.adapter.EngineOptions;
import io.sockudo.adapter.delta.DeltaSettings;
import io.sockudo.adapter.filter.TagFiltering;
import io.sockudo.transport.http.BodyLimits;
import io.sockudo.transport.websocket.Compression;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns the config tree (file plus environment) into a {@link ServerConfig}: sockudo's key
 * names, its defaults where they serve Pusher clients, and range checks so that a bad value stops
 * the launcher with a message instead of misbehaving later.
 */
final class ServerConfigReader {

    private static final int MAX = Integer.MAX_VALUE;
    /** The largest KiB count whose byte count still fits an int. */
    private static final int MAX_KB = Integer.MAX_VALUE / 1024 - 64;

    private ServerConfigReader() {
    }

    static ServerConfig read(ConfigNode root) {
        String host = root.get("host").string("0.0.0.0");
        if (host.isBlank()) {
            throw root.get("host").problem("must not be empty");
        }
        return new ServerConfig(
                host,
                root.get("port").integer(0, 65535, 6001),
                root.get("debug").bool(false),
                root.get("max_connections").integer(0, MAX, 0),
                root.get("listen_backlog").integer(1, 65535, 4096),
                seconds(root.get("activity_timeout"), 1, 120),
                seconds(root.get("user_authentication_timeout"), 1, 3600),
                seconds(root.get("shutdown_grace_period"), 0, 10),
                seconds(root.get("channel_limits").get("cache_ttl"), 0, 3600),
                megabytes(root.get("http_api").get("request_limit_in_mb"), 2047, 10),
                bodyMemoryInMb(root.get("http_api")),
                millis(root.get("http_api").get("request_body_timeout_ms"), 1, BodyLimits.DEFAULT_BODY_TIMEOUT),
                webSocket(root),
                metrics(root.get("metrics")),
                webhooks(root.get("webhooks")),
                deltaCompression(root.get("delta_compression")),
                tagFiltering(root.get("tag_filtering")),
                appCache(root.get("app_manager").get("cache")),
                root.get("presence").get("max_user_id_length").integer(1, MAX, EngineOptions.PUSHER_MAX_USER_ID_LENGTH),
                root.get("channel_limits").get("max_channels_per_connection").integer(0, MAX, 1000),
                ListenerReader.read(root),
                AppManagerReader.read(root.get("app_manager")),
                OperationsReader.read(root),
                StoresReader.read(root),
                TestPageReader.read(root.get("test_page")),
                AdapterConfigReader.read(root.get("adapter")));
    }

    /** This server's own key: 0 or missing takes the default, else it must hold the largest body. */
    private static int bodyMemoryInMb(ConfigNode httpApi) {
        long limitBytes = megabytes(httpApi.get("request_limit_in_mb"), 2047, 10);
        ConfigNode n = httpApi.get("body_memory_limit_in_mb");
        int mb = n.integer(0, MAX / 1024, 0);
        if (mb != 0 && mb * 1024L * 1024L < limitBytes) {
            throw n.problem("must be at least http_api.request_limit_in_mb ("
                    + java.math.BigDecimal.valueOf(limitBytes / (1024.0 * 1024.0)).stripTrailingZeros().toPlainString()
                    + "), or the largest body could never be read");
        }
        return mb;
    }

    private static WebSocketConfig webSocket(ConfigNode root) {
        WebSocketConfig d = WebSocketConfig.DEFAULTS;
        ConfigNode ws = root.get("websocket");
        return new WebSocketConfig(
                root.get("websocket_max_payload_kb").integer(1, MAX_KB, d.maxPayloadKb()),
                (int) queueLimit(ws.get("max_messages"), MAX, d.maxMessages()),
                queueLimit(ws.get("max_bytes"), Long.MAX_VALUE, d.maxBytes()),
                ws.get("disconnect_on_buffer_full").bool(d.disconnectOnBufferFull()),
                ws.get("max_message_size").longInteger(1, MAX, d.maxMessageSize()),
                ws.get("max_frame_size").integer(1, MAX, d.maxFrameSize()),
                ws.get("write_buffer_size").integer(1, MAX, d.writeBufferSize()),
                ws.get("max_backpressure").longInteger(1, Long.MAX_VALUE, d.maxBackpressure()),
                ws.get("auto_ping").bool(d.autoPing()),
                seconds(ws.get("ping_interval"), 1, d.pingInterval().toSeconds()),
                seconds(ws.get("idle_timeout"), 0, d.idleTimeout().toSeconds()),
                compression(ws.get("compression")));
    }

    /** {@code websocket.compression}: sockudo's words, {@code disabled} unless set. */
    private static Compression compression(ConfigNode n) {
        String value = n.string("disabled");
        return Compression.fromSockudo(value).orElseThrow(() -> n.problem(
                "must be disabled, shared, dedicated or window256b, window512b, window1kb … window32kb"));
    }

    /**
     * A socket queue limit. {@code 0} or {@code "none"} lift it, as in sockudo; {@code null} keeps
     * the default, because an unbounded queue per socket is a memory risk nobody should get by
     * writing sockudo's placeholder.
     */
    private static long queueLimit(ConfigNode n, long max, long fallback) {
        if (n.isWord("none")) {
            return 0;
        }
        return n.longInteger(0, max, fallback);
    }

    private static MetricsConfig metrics(ConfigNode m) {
        MetricsConfig d = MetricsConfig.DEFAULTS;
        return new MetricsConfig(
                m.get("enabled").bool(d.enabled()),
                m.get("host").string(d.host()),
                m.get("port").integer(0, 65535, d.port()),
                prometheusPrefix(m.get("prometheus").get("prefix"), d.prometheusPrefix()));
    }

    /** Letters, digits, {@code _} and {@code :}, not starting with a digit: every metric name must stay valid. */
    private static String prometheusPrefix(ConfigNode n, String fallback) {
        String p = n.string(fallback);
        if (!p.matches("([a-zA-Z_:][a-zA-Z0-9_:]*)?")) {
            throw n.invalid("a Prometheus name prefix (letters, digits, _ and :, not starting with a digit)");
        }
        return p;
    }

    private static WebhooksConfig webhooks(ConfigNode w) {
        WebhooksConfig d = WebhooksConfig.DEFAULTS;
        ConfigNode b = w.get("batching");
        ConfigNode r = w.get("retry");
        return new WebhooksConfig(
                new WebhooksConfig.Batching(
                        b.get("enabled").bool(d.batching().enabled()),
                        millis(b.get("duration"), 1, d.batching().duration()),
                        b.get("size").integer(1, MAX, d.batching().size())),
                new WebhooksConfig.Retry(
                        r.get("enabled").bool(d.retry().enabled()),
                        r.get("max_attempts").integer(0, MAX, d.retry().maxAttempts()),
                        millis(r.get("max_elapsed_time_ms"), 0, d.retry().maxElapsedTime()),
                        millis(r.get("initial_backoff_ms"), 1, d.retry().initialBackoff()),
                        millis(r.get("max_backoff_ms"), 1, d.retry().maxBackoff())),
                millis(w.get("request_timeout_ms"), 1, d.requestTimeout()));
    }

    private static AppCacheConfig appCache(ConfigNode c) {
        AppCacheConfig d = AppCacheConfig.DEFAULTS;
        return new AppCacheConfig(c.get("enabled").bool(d.enabled()), seconds(c.get("ttl"), 1, d.ttl().toSeconds()));
    }

    private static DeltaSettings deltaCompression(ConfigNode dc) {
        DeltaSettings d = DeltaSettings.defaults();
        ConfigNode coordination = dc.get("cluster_coordination");
        if (coordination.bool(false)) {
            // a single node has nothing to coordinate; say so only when someone asked for it
            coordination.unsupported("needs a horizontal adapter");
        }
        ConfigNode algorithm = dc.get("algorithm");
        return new DeltaSettings(
                dc.get("enabled").bool(d.enabled()),
                algorithm.isSet() ? deltaAlgorithm(algorithm) : d.algorithm(),
                dc.get("full_message_interval").integer(0, MAX, d.fullMessageInterval()),
                dc.get("min_message_size").integer(0, MAX, d.minMessageSize()),
                seconds(dc.get("max_state_age_secs"), 1, d.maxStateAge().toSeconds()),
                dc.get("max_channel_states_per_socket").integer(1, MAX, d.maxChannelStatesPerSocket()),
                maxConflationStates(dc),
                dc.get("conflation_key_path").optionalString(),
                dc.get("omit_delta_algorithm").bool(d.omitDeltaAlgorithm()));
    }

    /** sockudo: a missing key means 100, an explicit {@code null} means no limit (0 here). */
    private static int maxConflationStates(ConfigNode dc) {
        ConfigNode n = dc.get("max_conflation_states_per_channel");
        return n.isNull() ? 0 : n.integer(0, MAX, DeltaSettings.defaults().maxConflationStatesPerChannel());
    }

    /** {@code fossil} or {@code xdelta3}, any case (sockudo's own sample writes {@code "Fossil"}). */
    static String deltaAlgorithm(ConfigNode n) {
        String a = n.string("fossil").trim().toLowerCase(Locale.ROOT);
        if (!a.equals("fossil") && !a.equals("xdelta3")) {
            throw n.invalid("\"fossil\" or \"xdelta3\"");
        }
        return a;
    }

    /**
     * {@code enable_tags} defaults to true whether or not the section is there, as sockudo
     * documents (its code turns tags off when the whole section is missing).
     */
    private static TagFiltering tagFiltering(ConfigNode t) {
        TagFiltering d = TagFiltering.defaults();
        return new TagFiltering(t.get("enabled").bool(d.enabled()), t.get("enable_tags").bool(d.enableTags()));
    }

    /** A size in MB, fractions allowed ({@code 0.5}), as bytes rounded down; at least one KB. */
    private static long megabytes(ConfigNode n, int maxMb, int fallbackMb) {
        Double mb = n.optionalDecimal(1.0 / 1024, maxMb);
        return (long) Math.floor((mb == null ? fallbackMb : mb) * 1024 * 1024);
    }

    private static Duration seconds(ConfigNode n, long min, long fallback) {
        return Duration.ofSeconds(n.longInteger(min, Integer.MAX_VALUE, fallback));
    }

    private static Duration millis(ConfigNode n, long min, Duration fallback) {
        return Duration.ofMillis(n.longInteger(min, Long.MAX_VALUE / 1_000_000, fallback.toMillis()));
    }
}
