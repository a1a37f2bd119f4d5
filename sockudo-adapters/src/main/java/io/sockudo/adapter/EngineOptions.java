package io.sockudo.adapter;

import java.time.Duration;

/**
 * Server-wide protocol settings (sockudo's top-level config keys).
 *
 * @param activityTimeout        silence after which the server pings a client; announced in
 *                               {@code connection_established} ({@code activity_timeout}, 120 s)
 * @param pongTimeout            how long a pinged client has to answer before it is closed with 4201
 * @param userAuthenticationTimeout how long a connection of an app with
 *                               {@code enable_user_authentication} may stay without signing in
 *                               ({@code user_authentication_timeout})
 * @param maxConnections         connections this node accepts in all, 0 for no limit ({@code max_connections})
 * @param cacheTtl               how long cache channels keep their last event ({@code channel_limits.cache_ttl})
 * @param webhookDebounce        delay of {@code channel_vacated} and {@code member_removed} webhooks, cancelled if the
 *                               channel or member is back in the meantime (Pusher waits about 3 s)
 * @param subscriptionCountInterval the least time between two {@code subscription_count} updates of one busy channel
 */
public record EngineOptions(Duration activityTimeout, Duration pongTimeout, Duration userAuthenticationTimeout,
                            int maxConnections, Duration cacheTtl, Duration webhookDebounce,
                            Duration subscriptionCountInterval) {

    public static EngineOptions defaults() {
        return new EngineOptions(Duration.ofSeconds(120), Duration.ofSeconds(30), Duration.ofSeconds(3600), 0,
                Duration.ofSeconds(3600), Duration.ofSeconds(3), Duration.ofSeconds(1));
    }

    public EngineOptions withActivityTimeout(Duration d) {
        return new EngineOptions(d, pongTimeout, userAuthenticationTimeout, maxConnections, cacheTtl, webhookDebounce, subscriptionCountInterval);
    }

    public EngineOptions withPongTimeout(Duration d) {
        return new EngineOptions(activityTimeout, d, userAuthenticationTimeout, maxConnections, cacheTtl, webhookDebounce, subscriptionCountInterval);
    }

    public EngineOptions withUserAuthenticationTimeout(Duration d) {
        return new EngineOptions(activityTimeout, pongTimeout, d, maxConnections, cacheTtl, webhookDebounce, subscriptionCountInterval);
    }

    public EngineOptions withMaxConnections(int n) {
        return new EngineOptions(activityTimeout, pongTimeout, userAuthenticationTimeout, n, cacheTtl, webhookDebounce, subscriptionCountInterval);
    }

    public EngineOptions withCacheTtl(Duration d) {
        return new EngineOptions(activityTimeout, pongTimeout, userAuthenticationTimeout, maxConnections, d, webhookDebounce, subscriptionCountInterval);
    }

    public EngineOptions withWebhookDebounce(Duration d) {
        return new EngineOptions(activityTimeout, pongTimeout, userAuthenticationTimeout, maxConnections, cacheTtl, d, subscriptionCountInterval);
    }

    public EngineOptions withSubscriptionCountInterval(Duration d) {
        return new EngineOptions(activityTimeout, pongTimeout, userAuthenticationTimeout, maxConnections, cacheTtl, webhookDebounce, d);
    }
}
