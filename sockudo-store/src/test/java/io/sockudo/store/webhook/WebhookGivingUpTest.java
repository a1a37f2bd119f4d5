package io.sockudo.store.webhook;

import static io.sockudo.store.webhook.Fixtures.app;
import static io.sockudo.store.webhook.Fixtures.batching;
import static io.sockudo.store.webhook.Fixtures.everything;
import static io.sockudo.store.webhook.Fixtures.quick;
import static io.sockudo.testkit.Poll.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.app.App;
import io.sockudo.protocol.WebhookEvent;
import io.sockudo.store.webhook.WebhookReceiver.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What an operator reads when webhooks cannot be delivered: retries run out, or the server stops. */
class WebhookGivingUpTest {

    private static WebhookSettings twoAttempts(WebhookSettings base) {
        return base.withRetry(new WebhookSettings.Retry(true, 2, Duration.ofSeconds(5), Duration.ofMillis(20),
                Duration.ofMillis(40)));
    }

    @Test
    void aDeliveryThatExhaustsItsRetriesIsLoggedAtWarnWithItsEndpointAndEventCount() throws Exception {
        try (LogCapture log = LogCapture.start();
             WebhookReceiver receiver = WebhookReceiver.start().answering((i, p) -> Reply.of(503));
             WebhookDispatcher dispatcher = new WebhookDispatcher(twoAttempts(batching(Duration.ofMillis(100), 3)))) {
            App app = app(everything(receiver.url("/down")));
            dispatcher.emit(app, WebhookEvent.channelOccupied("a"));
            dispatcher.emit(app, WebhookEvent.channelOccupied("b"));
            dispatcher.emit(app, WebhookEvent.channelOccupied("c"));

            until("given up", () -> dispatcher.counters().failed() == 1);
            assertThat(receiver.requests()).hasSize(2);
            assertThat(log.warnings()).singleElement().asString()
                    .contains("app app-id to " + receiver.url("/down"))
                    .contains("given up after 2 attempts")
                    .contains("3 events not delivered")
                    .contains("status 503");
        }
    }

    @Test
    void aDeliveryRefusedForGoodIsLoggedWithItsEventCount() throws Exception {
        try (LogCapture log = LogCapture.start();
             WebhookReceiver receiver = WebhookReceiver.start().answering((i, p) -> Reply.of(404));
             WebhookDispatcher dispatcher = new WebhookDispatcher(quick())) {
            dispatcher.emit(app(everything(receiver.url("/gone"))), WebhookEvent.channelOccupied("a"));

            until("refused", () -> dispatcher.counters().failed() == 1);
            assertThat(log.warnings()).singleElement().asString()
                    .contains(receiver.url("/gone")).contains("status 404").contains("1 event not delivered");
        }
    }

    @Test
    void shutdownWaitsWithinItsGraceForADeliveryInProgress() throws Exception {
        try (LogCapture log = LogCapture.start();
             WebhookReceiver receiver = WebhookReceiver.start().answering((i, p) -> Reply.delayed(300, 200))) {
            WebhookDispatcher dispatcher = new WebhookDispatcher(quick());
            dispatcher.emit(app(everything(receiver.url("/slow"))), WebhookEvent.channelOccupied("a"));
            until("the request arrived", () -> receiver.requests().size() == 1);

            assertThat(dispatcher.shutdown(Duration.ofSeconds(5))).as("delivered before the grace ran out").isTrue();
            assertThat(dispatcher.counters().sent()).isEqualTo(1);
            assertThat(log.warnings()).isEmpty();
        }
    }

    @Test
    void shutdownLogsEachEndpointItCouldNotDeliverToWithinItsGrace() throws Exception {
        try (LogCapture log = LogCapture.start();
             WebhookReceiver receiver = WebhookReceiver.start()
                     .answering((i, p) -> p.equals("/fine") ? Reply.of(200) : Reply.never())) {
            WebhookDispatcher dispatcher = new WebhookDispatcher(quick().withRequestTimeout(Duration.ofSeconds(30)));
            App app = app(everything(receiver.url("/stuck")), everything(receiver.url("/fine")));
            App other = app("other", everything(receiver.url("/stuck-too")));
            dispatcher.emit(app, WebhookEvent.channelOccupied("a"));
            dispatcher.emit(app, WebhookEvent.channelOccupied("b"));
            dispatcher.emit(other, WebhookEvent.channelOccupied("c"));
            until("the healthy endpoint got both", () -> dispatcher.counters().sent() == 2);

            assertThat(dispatcher.shutdown(Duration.ofMillis(200))).isFalse();

            assertThat(log.warnings()).containsExactly(
                    "WARNING shutdown grace period over with 3 webhook events undelivered",
                    "WARNING webhook for app app-id to " + receiver.url("/stuck") + ": 2 events not delivered at shutdown",
                    "WARNING webhook for app other to " + receiver.url("/stuck-too") + ": 1 event not delivered at shutdown");
        }
    }
}
