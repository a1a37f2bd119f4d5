package io.sockudo.adapter;

import io.sockudo.adapter.delta.DeltaSettings;
import io.sockudo.adapter.filter.TagFiltering;
import java.time.Duration;

/**
 * Server-wide protocol settings (sockudo's top-level config keys, {@code delta_compression.*}
 * and {@code tag_filtering.*}).
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
 * @param delta                  delta compression settings
 * @param tagFiltering           tag filtering settings
 */
public record EngineOptions(Duration activityTimeout, Duration pongTimeout, Duration userAuthenticationTimeout,
                            int maxConnections, Duration cacheTtl, Duration webhookDebounce,
                            Duration subscriptionCountInterval, DeltaSettings delta, TagFiltering tagFiltering) {

    public static EngineOptions defaults() {
        return new EngineOptions(Duration.ofSeconds(120), Duration.ofSeconds(30), Duration.ofSeconds(3600), 0,
                Duration.ofSeconds(3600), Duration.ofSeconds(3), Duration.ofSeconds(1), DeltaSettings.defaults(),
                TagFiltering.defaults());
    }

    public EngineOptions withActivityTimeout(Duration d) {
        return new EngineOptions(d, pongTimeout, userAuthenticationTimeout, maxConnections, cacheTtl, webhookDebounce, subscriptionCountInterval, delta, tagFiltering);
    }

    public EngineOptions withPongTimeout(Duration d) {
        return new EngineOptions(activityTimeout, d, userAuthenticationTimeout, maxConnections, cacheTtl, webhookDebounce, subscriptionCountInterval, delta, tagFiltering);
    }

    public EngineOptions withUserAuthenticationTimeout(Duration d) {
        return new EngineOptions(activityTimeout, pongTimeout, d, maxConnections, cacheTtl, webhookDebounce, subscriptionCountInterval, delta, tagFiltering);
    }

    public EngineOptions withMaxConnections(int n) {
        return new EngineOptions(activityTimeout, pongTimeout, userAuthenticationTimeout, n, cacheTtl, webhookDebounce, subscriptionCountInterval, delta, tagFiltering);
    }

    public EngineOptions withCacheTtl(Duration d) {
        return new EngineOptions(activityTimeout, pongTimeout, userAuthenticationTimeout, maxConnections, d, webhookDebounce, subscriptionCountInterval, delta, tagFiltering);
    }

    public EngineOptions withWebhookDebounce(Duration d) {
        return new EngineOptions(activityTimeout, pongTimeout, userAuthenticationTimeout, maxConnections, cacheTtl, d, subscriptionCountInterval, delta, tagFiltering);
    }

    public EngineOptions withSubscriptionCountInterval(Duration d) {
        return new EngineOptions(activityTimeout, pongTimeout, userAuthenticationTimeout, maxConnections, cacheTtl, webhookDebounce, d, delta, tagFiltering);
    }

    public EngineOptions withDelta(DeltaSettings d) {
        return new EngineOptions(activityTimeout, pongTimeout, userAuthenticationTimeout, maxConnections, cacheTtl, webhookDebounce, subscriptionCountInterval, d, tagFiltering);
    }

    public EngineOptions withTagFiltering(TagFiltering t) {
        return new EngineOptions(activityTimeout, pongTimeout, userAuthenticationTimeout, maxConnections, cacheTtl, webhookDebounce, subscriptionCountInterval, delta, t);
    }
}
