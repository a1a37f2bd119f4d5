package io.sockudo.store.webhook;

import static io.sockudo.store.webhook.Fixtures.app;
import static io.sockudo.store.webhook.Fixtures.batching;
import static io.sockudo.store.webhook.Fixtures.everything;
import static io.sockudo.store.webhook.Fixtures.quick;
import static io.sockudo.testkit.Poll.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.Webhook;
import io.sockudo.protocol.WebhookEvent;
import io.sockudo.store.webhook.WebhookReceiver.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine is never held up by webhooks: bounded memory, bounded concurrency, bounded shutdown. */
class WebhookFlowTest {

    @Test
    void emitReturnsAtOnceAndDropsWhatDoesNotFitWhenTheReceiverHangs() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start().answering((i, p) -> Reply.never())) {
            WebhookDispatcher dispatcher = new WebhookDispatcher(batching(Duration.ofMillis(5), 50)
                    .withRequestTimeout(Duration.ofSeconds(30))
                    .withQueueCapacity(1_000));
            App app = app(everything(receiver.url("/")));

            long start = System.nanoTime();
            for (int i = 0; i < 10_000; i++) {
                dispatcher.emit(app, WebhookEvent.channelOccupied("c" + i));
            }
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            // a correctness bound (emit does not wait), far above what it takes
            assertThat(elapsedMillis).isLessThan(1_000);
            until("the endpoint is being called", () -> receiver.requestCount() == 1);
            assertThat(dispatcher.counters().dropped()).isGreaterThan(0);

            long stopStart = System.nanoTime();
            assertThat(dispatcher.shutdown(Duration.ofMillis(100))).isFalse();
            assertThat((System.nanoTime() - stopStart) / 1_000_000).isLessThan(1_000);
            // every event is accounted for: none delivered, so all dropped, at emit or at shutdown
            assertThat(dispatcher.counters().dropped()).isEqualTo(10_000);
            assertThat(dispatcher.counters().sent()).isZero();
        }
    }

    @Test
    void noMoreRequestsThanAllowedAreInFlightAtOnce() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start().answering((i, p) -> Reply.delayed(150, 200));
             WebhookDispatcher dispatcher = new WebhookDispatcher(quick().withMaxConcurrent(2))) {
            List<Webhook> endpoints = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                endpoints.add(everything(receiver.url("/" + i)));
            }
            App app = app(endpoints.toArray(Webhook[]::new));

            dispatcher.emit(app, WebhookEvent.channelOccupied("c"));

            until("all six endpoints served", () -> dispatcher.counters().sent() == 6);
            assertThat(receiver.maxConcurrentRequests()).isEqualTo(2);
        }
    }

    @Test
    void eventsEmittedAfterCloseAreDroppedNotQueued() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            WebhookDispatcher dispatcher = new WebhookDispatcher(quick());
            assertThat(dispatcher.shutdown(Duration.ofSeconds(1))).isTrue();

            dispatcher.emit(app(everything(receiver.url("/"))), WebhookEvent.channelOccupied("late"));

            assertThat(dispatcher.counters().dropped()).isEqualTo(1);
            // refused at the door: no thread of the stopped dispatcher is left to send it later
            assertThat(receiver.requestCount()).isZero();
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        WebhookDispatcher dispatcher = new WebhookDispatcher(quick());
        dispatcher.close();
        dispatcher.close();
        assertThat(dispatcher.counters().dropped()).isZero();
    }
}
