package io.sockudo.store.webhook;

import static io.sockudo.store.webhook.Fixtures.app;
import static io.sockudo.store.webhook.Fixtures.batching;
import static io.sockudo.store.webhook.Fixtures.everything;
import static io.sockudo.store.webhook.Fixtures.hmacHex;
import static io.sockudo.store.webhook.Fixtures.quick;
import static io.sockudo.testkit.Poll.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.Webhook;
import io.sockudo.protocol.WebhookEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What a webhook request looks like, and which endpoint gets which events. */
class WebhookDeliveryTest {

    @Test
    void aBatchIsPostedAsCompactJsonSignedWithTheAppSecret() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start();
             WebhookDispatcher dispatcher = new WebhookDispatcher(batching(Duration.ofSeconds(10), 2))) {
            long before = System.currentTimeMillis();
            App app = app(everything(receiver.url("/hooks")));
            dispatcher.emit(app, WebhookEvent.channelOccupied("my-channel"));
            dispatcher.emit(app, WebhookEvent.clientEvent("presence-room", "client-typing", "{\"x\":1}", "1.2", "\"7\""));

            WebhookReceiver.Request r = receiver.next();

            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/hooks");
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.header("X-Pusher-Key")).isEqualTo("app-key");
            assertThat(r.header("X-Pusher-Signature")).isEqualTo(hmacHex("app-secret", r.body()));
            assertThat(r.timeMs()).isBetween(before, System.currentTimeMillis());
            assertThat(r.events()).isEqualTo("["
                    + "{\"name\":\"channel_occupied\",\"channel\":\"my-channel\"},"
                    + "{\"name\":\"client_event\",\"channel\":\"presence-room\",\"event\":\"client-typing\","
                    + "\"data\":\"{\\\"x\\\":1}\",\"socket_id\":\"1.2\",\"user_id\":\"7\"}]");
            until("the delivery is counted", () -> dispatcher.counters().sent() == 1);
        }
    }

    @Test
    void anEndpointsOwnHeadersAreSentButCannotReplaceTheSignature() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start();
             WebhookDispatcher dispatcher = new WebhookDispatcher(quick())) {
            Map<String, String> headers = new HashMap<>();
            headers.put("X-Tenant", "blue");
            headers.put("Authorization", "Bearer t0k3n");
            headers.put("X-Pusher-Signature", "forged");
            headers.put("X-Pusher-Key", "forged");
            headers.put("Host", "elsewhere.example"); // the HTTP client's to set; skipped, not fatal
            Webhook hook = new Webhook(receiver.url("/"), Fixtures.ALL_EVENTS, null, null, null, headers);

            dispatcher.emit(app(hook), WebhookEvent.channelVacated("c"));

            WebhookReceiver.Request r = receiver.next();
            assertThat(r.header("X-Tenant")).isEqualTo("blue");
            assertThat(r.header("Authorization")).isEqualTo("Bearer t0k3n");
            assertThat(r.headers().get("X-Pusher-Signature")).containsExactly(hmacHex("app-secret", r.body()));
            assertThat(r.headers().get("X-Pusher-Key")).containsExactly("app-key");
            assertThat(r.header("Host")).startsWith("127.0.0.1:");
        }
    }

    @Test
    void eachEndpointGetsOnlyTheEventTypesAndChannelsItAskedFor() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start();
             WebhookDispatcher dispatcher = new WebhookDispatcher(batching(Duration.ofSeconds(10), 6))) {
            App app = app(
                    Webhook.of(receiver.url("/members"), Set.of("member_added")),
                    new Webhook(receiver.url("/chat"), Set.of("client_event"), null, null,
                            Pattern.compile("private-chat-\\d+"), Map.of()),
                    new Webhook(receiver.url("/rooms"), Set.of("channel_occupied"), "presence-", "-room", null, Map.of()),
                    Webhook.of(receiver.url("/nobody"), Set.of("cache_miss")));

            dispatcher.emit(app, WebhookEvent.memberAdded("presence-a-room", "1"));
            dispatcher.emit(app, WebhookEvent.clientEvent("private-chat-12", "client-hi", "{}", "1.1", null));
            dispatcher.emit(app, WebhookEvent.clientEvent("private-chat-x", "client-hi", "{}", "1.1", null));
            dispatcher.emit(app, WebhookEvent.channelOccupied("presence-a-room"));
            dispatcher.emit(app, WebhookEvent.channelOccupied("presence-a-hall"));
            dispatcher.emit(app, WebhookEvent.channelOccupied("a-room"));

            Map<String, String> byPath = new HashMap<>();
            for (int i = 0; i < 3; i++) {
                WebhookReceiver.Request r = receiver.next();
                byPath.put(r.path(), r.events());
                assertThat(r.header("X-Pusher-Signature")).isEqualTo(hmacHex("app-secret", r.body()));
            }
            assertThat(byPath).containsOnly(
                    Map.entry("/members", "[{\"name\":\"member_added\",\"channel\":\"presence-a-room\",\"user_id\":1}]"),
                    Map.entry("/chat", "[{\"name\":\"client_event\",\"channel\":\"private-chat-12\",\"event\":\"client-hi\","
                            + "\"data\":\"{}\",\"socket_id\":\"1.1\"}]"),
                    Map.entry("/rooms", "[{\"name\":\"channel_occupied\",\"channel\":\"presence-a-room\"}]"));
            until("three deliveries counted", () -> dispatcher.counters().sent() == 3);
            receiver.expectTotalOnceStopped(dispatcher, 3);
        }
    }

    @Test
    void anEndpointWithAnUnusableUrlFailsAloneAndTheOthersStillGetTheirEvents() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start();
             WebhookDispatcher dispatcher = new WebhookDispatcher(quick())) {
            App app = app(everything("ftp://127.0.0.1/hooks"), everything("not a url"), everything(receiver.url("/ok")));

            dispatcher.emit(app, WebhookEvent.cacheMiss("cache-c"));

            assertThat(receiver.next().events()).isEqualTo("[{\"name\":\"cache_miss\",\"channel\":\"cache-c\"}]");
            until("both bad endpoints counted as failed, the good one as sent",
                    () -> dispatcher.counters().failed() == 2 && dispatcher.counters().sent() == 1);
        }
    }

    @Test
    void eventsOfAnAppWithoutMatchingEndpointsCostNoRequest() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start();
             WebhookDispatcher dispatcher = new WebhookDispatcher(quick())) {
            App app = app(Webhook.of(receiver.url("/"), Set.of("member_removed")));

            dispatcher.emit(app, WebhookEvent.subscriptionCount("c", 3));
            dispatcher.emit(app, WebhookEvent.memberRemoved("presence-c", "\"u\""));

            assertThat(receiver.next().events())
                    .isEqualTo("[{\"name\":\"member_removed\",\"channel\":\"presence-c\",\"user_id\":\"u\"}]");
            receiver.expectTotalOnceStopped(dispatcher, 1);
        }
    }
}
