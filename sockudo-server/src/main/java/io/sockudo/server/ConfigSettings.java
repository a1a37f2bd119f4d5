package io.sockudo.server;

import io.sockudo.adapter.app.StaticAppManager;
import io.sockudo.server.config.ServerConfig;
import io.sockudo.server.config.WebhooksConfig;
import io.sockudo.store.app.AppCacheSettings;
import io.sockudo.store.webhook.WebhookSettings;

/** What a config file and the environment set on a {@link SockudoServer.Builder}, through its public setters. */
final class ConfigSettings {

    private ConfigSettings() {
    }

    static SockudoServer.Builder apply(ServerConfig config, SockudoServer.Builder b) {
        boolean appsInMemory = config.stores().appStore().memory();
        return b.host(config.host())
                .port(config.port())
                .backlog(config.listenBacklog())
                .engine(config.engineOptions())
                .webSocket(config.webSocketOptions())
                .maxHttpBodyBytes(config.maxHttpBodyBytes())
                .httpBodyMemory(config.httpApiBodyMemoryBytes())
                .httpBodyTimeout(config.httpApiBodyTimeout())
                .shutdownGrace(config.shutdownGracePeriod())
                .healthCheckTimeout(config.operations().healthCheckTimeout())
                .usageEnabled(config.operations().usageEnabled())
                .acceptTrafficMemoryThreshold(config.operations().acceptTrafficMemoryThreshold())
                .appStore(config.stores().appStore())
                .channelCache(config.stores().channelCache())
                .rateLimits(config.stores().rateLimiter())
                .queue(config.stores().queue())
                // the configured apps, or none: the database named by the app store is opened at start
                .appManager(appsInMemory ? new StaticAppManager(config.apps()) : null)
                .appCache(config.appCache().enabled() ? AppCacheSettings.defaults().withTtl(config.appCache().ttl()) : null)
                .metrics(config.metrics().host(), config.metrics().enabled() ? config.metrics().port() : -1)
                .metricsPrefix(config.metrics().prometheusPrefix())
                .webhookSettings(webhookSettings(config.webhooks()))
                .tls(config.listener().tls())
                .cors(config.listener().cors())
                .pathPrefix(config.listener().pathPrefix())
                .testPage(config.testPage())
                .adapter(config.adapter());
    }

    private static WebhookSettings webhookSettings(WebhooksConfig c) {
        var batching = c.batching();
        var retry = c.retry();
        return WebhookSettings.defaults()
                .withBatching(new WebhookSettings.Batching(batching.enabled(), batching.duration(), batching.size()))
                .withRetry(new WebhookSettings.Retry(retry.enabled(), retry.maxAttempts() > 0 ? retry.maxAttempts() : null,
                        retry.maxElapsedTime(), retry.initialBackoff(), retry.maxBackoff()))
                .withRequestTimeout(c.requestTimeout());
    }
}
