package io.sockudo.server;

import io.sockudo.adapter.app.AppManager;
import io.sockudo.adapter.health.HealthCheck;
import io.sockudo.adapter.health.SystemHealth;
import io.sockudo.adapter.hooks.ChannelCache;
import io.sockudo.adapter.hooks.WebhookSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** sockudo's {@code /up} checks: the adapter, the app store and the cache are critical, webhooks are not. */
final class HealthComponents {

    private HealthComponents() {
    }

    static SystemHealth of(HealthCheck adapter, AppManager apps, ChannelCache cache, WebhookSink webhooks, Duration timeout) {
        List<SystemHealth.Component> components = new ArrayList<>(List.of(
                new SystemHealth.Component("adapter", adapter, true),
                new SystemHealth.Component("app manager", apps, true),
                new SystemHealth.Component("cache", cache, true)));
        if (webhooks instanceof HealthCheck check) {
            components.add(new SystemHealth.Component("webhooks", check, false));
        }
        return new SystemHealth(components, timeout);
    }
}
