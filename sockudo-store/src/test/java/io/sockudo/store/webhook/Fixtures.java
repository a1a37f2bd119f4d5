package io.sockudo.store.webhook;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Apps, settings and checks shared by the webhook tests. */
final class Fixtures {

    static final String KEY = "app-key";
    static final String SECRET = "app-secret";

    static final Set<String> ALL_EVENTS = Set.of("channel_occupied", "channel_vacated", "member_added",
            "member_removed", "client_event", "cache_miss", "subscription_count");

    private Fixtures() {
    }

    static App app(String id, Webhook... webhooks) {
        return App.builder(id, KEY + "-" + id, SECRET + "-" + id).webhooks(List.of(webhooks)).build();
    }

    static App app(Webhook... webhooks) {
        return App.builder("app-id", KEY, SECRET).webhooks(List.of(webhooks)).build();
    }

    static Webhook everything(String url) {
        return Webhook.of(url, ALL_EVENTS);
    }

    /** One request per event, quick retries, so a test that retries still takes milliseconds. */
    static WebhookSettings quick() {
        return WebhookSettings.defaults()
                .withBatching(WebhookSettings.Batching.disabled())
                .withRetry(new WebhookSettings.Retry(true, null, Duration.ofSeconds(5), Duration.ofMillis(20),
                        Duration.ofMillis(80)))
                .withRequestTimeout(Duration.ofSeconds(2));
    }

    static WebhookSettings batching(Duration duration, int size) {
        return quick().withBatching(new WebhookSettings.Batching(true, duration, size));
    }

    /** HMAC-SHA256 computed here rather than by the code under test. */
    static String hmacHex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
