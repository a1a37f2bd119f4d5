package io.sockudo.store.webhook;

import static io.sockudo.store.webhook.Fixtures.app;
import static io.sockudo.store.webhook.Fixtures.batching;
import static io.sockudo.store.webhook.Fixtures.everything;
import static io.sockudo.store.webhook.Fixtures.hmacHex;
import static io.sockudo.store.webhook.Fixtures.quick;
import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.app.App;
import io.sockudo.protocol.WebhookEvent;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How an app's events are grouped into requests. */
class WebhookBatchingTest {

    private static String occupied(String channel) {
        return "{\"name\":\"channel_occupied\",\"channel\":\"" + channel + "\"}";
    }

    @Test
    void aBatchGoesOutAsSoonAsItIsFullWithoutWaitingForItsTime() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start();
             WebhookDispatcher dispatcher = new WebhookDispatcher(batching(Duration.ofSeconds(30), 3))) {
            App app = app(everything(receiver.url("/")));
            for (int i = 1; i <= 7; i++) {
                dispatcher.emit(app, WebhookEvent.channelOccupied("c" + i));
            }

            assertThat(receiver.next().events()).isEqualTo("[" + occupied("c1") + "," + occupied("c2") + "," + occupied("c3") + "]");
            assertThat(receiver.next().events()).isEqualTo("[" + occupied("c4") + "," + occupied("c5") + "," + occupied("c6") + "]");
            // c7 waits for its time or for company: two more fill its batch, which must then hold c7 too
            dispatcher.emit(app, WebhookEvent.channelOccupied("c8"));
            dispatcher.emit(app, WebhookEvent.channelOccupied("c9"));
            assertThat(receiver.next().events()).isEqualTo("[" + occupied("c7") + "," + occupied("c8") + "," + occupied("c9") + "]");
            assertThat(receiver.requestCount()).isEqualTo(3);
        }
    }

    @Test
    void aBatchThatDoesNotFillGoesOutWhenItsTimeIsUp() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start();
             WebhookDispatcher dispatcher = new WebhookDispatcher(batching(Duration.ofMillis(150), 100))) {
            App app = app(everything(receiver.url("/")));
            long start = System.nanoTime();
            dispatcher.emit(app, WebhookEvent.channelOccupied("a"));
            dispatcher.emit(app, WebhookEvent.channelOccupied("b"));

            WebhookReceiver.Request r = receiver.next();

            assertThat(r.events()).isEqualTo("[" + occupied("a") + "," + occupied("b") + "]");
            // the batch opens a hair before the first event is seen, hence the small allowance
            assertThat(TimeUnit.NANOSECONDS.toMillis(r.arrivedNanos() - start)).isGreaterThanOrEqualTo(140);
        }
    }

    @Test
    void eachAppIsBatchedOnItsOwnAndSignedWithItsOwnSecret() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start();
             WebhookDispatcher dispatcher = new WebhookDispatcher(batching(Duration.ofSeconds(30), 2))) {
            App red = app("red", everything(receiver.url("/red")));
            App blue = app("blue", everything(receiver.url("/blue")));
            dispatcher.emit(red, WebhookEvent.channelOccupied("r1"));
            dispatcher.emit(blue, WebhookEvent.channelOccupied("b1"));
            dispatcher.emit(red, WebhookEvent.channelOccupied("r2"));
            dispatcher.emit(blue, WebhookEvent.channelOccupied("b2"));

            for (int i = 0; i < 2; i++) {
                WebhookReceiver.Request r = receiver.next();
                String id = r.path().substring(1);
                String prefix = id.substring(0, 1);
                assertThat(r.events()).isEqualTo("[" + occupied(prefix + "1") + "," + occupied(prefix + "2") + "]");
                assertThat(r.header("X-Pusher-Key")).isEqualTo("app-key-" + id);
                assertThat(r.header("X-Pusher-Signature")).isEqualTo(hmacHex("app-secret-" + id, r.body()));
            }
        }
    }

    @Test
    void withBatchingOffEveryEventIsARequestOfItsOwn() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start();
             WebhookDispatcher dispatcher = new WebhookDispatcher(quick())) {
            App app = app(everything(receiver.url("/")));
            dispatcher.emit(app, WebhookEvent.channelOccupied("a"));
            dispatcher.emit(app, WebhookEvent.channelOccupied("b"));
            dispatcher.emit(app, WebhookEvent.channelVacated("a"));

            assertThat(receiver.next().events()).isEqualTo("[" + occupied("a") + "]");
            assertThat(receiver.next().events()).isEqualTo("[" + occupied("b") + "]");
            assertThat(receiver.next().events()).isEqualTo("[{\"name\":\"channel_vacated\",\"channel\":\"a\"}]");
        }
    }

    @Test
    void closingSendsTheBatchesStillOpen() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            WebhookDispatcher dispatcher = new WebhookDispatcher(batching(Duration.ofSeconds(30), 100));
            App app = app(everything(receiver.url("/")));
            dispatcher.emit(app, WebhookEvent.channelOccupied("a"));
            dispatcher.emit(app, WebhookEvent.channelOccupied("b"));
            dispatcher.emit(app, WebhookEvent.channelOccupied("c"));

            assertThat(dispatcher.shutdown(Duration.ofSeconds(2))).isTrue();

            // delivered before shutdown returned, not merely sent
            assertThat(receiver.requestCount()).isEqualTo(1);
            assertThat(receiver.next().events()).isEqualTo("[" + occupied("a") + "," + occupied("b") + "," + occupied("c") + "]");
            assertThat(dispatcher.counters().sent()).isEqualTo(1);
            assertThat(dispatcher.counters().dropped()).isZero();
        }
    }
}
