package io.sockudo.server.config;

import io.sockudo.adapter.EngineOptions;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.delta.DeltaSettings;
import io.sockudo.adapter.filter.TagFiltering;
import io.sockudo.transport.websocket.WebSocketOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * Everything the launcher reads from sockudo's {@code config.json} and environment variables,
 * as values. {@code SockudoServer.builder().config(config)} applies it.
 *
 * @param host                      the address of the WebSocket and HTTP API listener ({@code host}, {@code 0.0.0.0})
 * @param port                      its port ({@code port}, 6001)
 * @param debug                     log at debug level ({@code debug}, false)
 * @param maxConnections            connections this node accepts in all, 0 for no limit ({@code max_connections}, 0)
 * @param listenBacklog             the listen socket's backlog ({@code listen_backlog}, 4096; this server's own key):
 *                                  connection storms need thousands
 * @param activityTimeout           silence after which a client is pinged ({@code activity_timeout}, 120 s)
 * @param userAuthenticationTimeout how long a connection may stay without signing in, for apps that require it
 *                                  ({@code user_authentication_timeout}, 3600 s)
 * @param shutdownGracePeriod       how long a stopping server waits for clients to leave ({@code shutdown_grace_period}, 10 s)
 * @param channelCacheTtl           how long cache channels keep their last event ({@code channel_limits.cache_ttl}, 3600 s)
 * @param maxHttpBodyBytes          the largest HTTP API request body in bytes ({@code http_api.request_limit_in_mb},
 *                                  10; fractions allowed)
 * @param httpApiBodyMemoryInMb     memory all HTTP API bodies being read may take together
 *                                  ({@code http_api.body_memory_limit_in_mb}; 0: 64, or twice the body limit when more)
 * @param httpApiBodyTimeout        how long an HTTP API request body may take to arrive
 *                                  ({@code http_api.request_body_timeout_ms}, 30 s)
 * @param webSocket                 per-socket limits
 * @param metrics                   the metrics endpoint
 * @param webhooks                  webhook delivery
 * @param deltaCompression          server-wide delta compression ({@code delta_compression.*})
 * @param tagFiltering              tag filtering ({@code tag_filtering.*})
 * @param appCache                  the app cache in front of the app manager ({@code app_manager.cache.*})
 * @param maxUserIdLength           the longest presence {@code user_id}, in characters ({@code presence.max_user_id_length},
 *                                  128 as Pusher; this server's own key)
 * @param maxChannelsPerConnection  channels one connection may be subscribed to at once, 0 for no limit
 *                                  ({@code channel_limits.max_channels_per_connection}, 1000; this server's own key)
 * @param listener                  TLS, CORS and the path prefix ({@code ssl}, {@code cors}, {@code path_prefix})
 * @param apps                      the apps served ({@code app_manager.array.apps}); one app {@code app-id} /
 *                                  {@code app-key} / {@code app-secret} when none are configured and the
 *                                  driver is {@code memory}
 * @param stores                    the app store and the other stores' drivers
 * @param operations                health checks, {@code /usage} and load shedding
 * @param testPage                  the interactive test page ({@code test_page.*}; this server's own section), off by default
 */
public record ServerConfig(
        String host,
        int port,
        boolean debug,
        int maxConnections,
        int listenBacklog,
        Duration activityTimeout,
        Duration userAuthenticationTimeout,
        Duration shutdownGracePeriod,
        Duration channelCacheTtl,
        long maxHttpBodyBytes,
        int httpApiBodyMemoryInMb,
        Duration httpApiBodyTimeout,
        WebSocketConfig webSocket,
        MetricsConfig metrics,
        WebhooksConfig webhooks,
        DeltaSettings deltaCompression,
        TagFiltering tagFiltering,
        AppCacheConfig appCache,
        int maxUserIdLength,
        int maxChannelsPerConnection,
        ListenerConfig listener,
        List<App> apps,
        OperationsConfig operations,
        StoresConfig stores,
        TestPageConfig testPage) {

    public static final String DEFAULT_APP_ID = "app-id";
    public static final String DEFAULT_APP_KEY = "app-key";
    public static final String DEFAULT_APP_SECRET = "app-secret";

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(activityTimeout, "activityTimeout");
        Objects.requireNonNull(userAuthenticationTimeout, "userAuthenticationTimeout");
        Objects.requireNonNull(shutdownGracePeriod, "shutdownGracePeriod");
        Objects.requireNonNull(channelCacheTtl, "channelCacheTtl");
        Objects.requireNonNull(httpApiBodyTimeout, "httpApiBodyTimeout");
        Objects.requireNonNull(webSocket, "webSocket");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(webhooks, "webhooks");
        Objects.requireNonNull(deltaCompression, "deltaCompression");
        Objects.requireNonNull(tagFiltering, "tagFiltering");
        Objects.requireNonNull(appCache, "appCache");
        Objects.requireNonNull(listener, "listener");
        apps = List.copyOf(apps);
        Objects.requireNonNull(operations, "operations");
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(testPage, "testPage");
    }

    /** The configuration with no file and no environment variables. */
    public static ServerConfig defaults() {
        return ServerConfigReader.read(ConfigNode.root(new LinkedHashMap<String, Object>(), "defaults"));
    }

    /** The engine's protocol settings from this configuration. */
    public EngineOptions engineOptions() {
        return EngineOptions.builder()
                .activityTimeout(activityTimeout)
                .userAuthenticationTimeout(userAuthenticationTimeout)
                .maxConnections(maxConnections)
                .cacheTtl(channelCacheTtl)
                .delta(deltaCompression)
                .tagFiltering(tagFiltering)
                .maxUserIdLength(maxUserIdLength)
                .maxChannelsPerConnection(maxChannelsPerConnection)
                .build();
    }

    /** The transport's per-socket settings from this configuration. */
    public WebSocketOptions webSocketOptions() {
        return webSocket.toOptions();
    }

    /** {@link #httpApiBodyMemoryInMb} in bytes, 0 for the default. */
    public long httpApiBodyMemoryBytes() {
        return httpApiBodyMemoryInMb * 1024L * 1024L;
    }
}
