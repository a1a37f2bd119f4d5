package io.sockudo.store.webhook;

import static io.sockudo.store.webhook.Fixtures.app;
import static io.sockudo.store.webhook.Fixtures.everything;
import static io.sockudo.store.webhook.Fixtures.quick;
import static io.sockudo.testkit.Poll.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.app.App;
import io.sockudo.protocol.WebhookEvent;
import io.sockudo.store.webhook.WebhookReceiver.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What happens when an endpoint fails, and the order a receiver sees meanwhile. */
class WebhookRetryTest {

    private static WebhookSettings retrying(Integer maxAttempts, Duration maxElapsed) {
        return quick().withRetry(new WebhookSettings.Retry(true, maxAttempts, maxElapsed, Duration.ofMillis(20),
                Duration.ofMillis(40)));
    }

    @Test
    void aServerErrorIsRetriedWithTheSameBodyAndSignatureUntilAccepted() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start().answering((i, p) -> Reply.of(i < 2 ? 500 : 200));
             WebhookDispatcher dispatcher = new WebhookDispatcher(quick())) {
            dispatcher.emit(app(everything(receiver.url("/"))), WebhookEvent.channelOccupied("c"));

            WebhookReceiver.Request first = receiver.next();
            WebhookReceiver.Request second = receiver.next();
            WebhookReceiver.Request third = receiver.next();

            assertThat(List.of(second.text(), third.text())).containsOnly(first.text());
            assertThat(List.of(second.header("X-Pusher-Signature"), third.header("X-Pusher-Signature")))
                    .containsOnly(first.header("X-Pusher-Signature"));
            until("accepted on the third attempt", () -> dispatcher.counters().sent() == 1);
            assertThat(dispatcher.counters().retried()).isEqualTo(2);
            assertThat(dispatcher.counters().failed()).isZero();
            receiver.expectTotalOnceStopped(dispatcher, 3);
        }
    }

    @Test
    void tooManyRequestsIsRetried() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start().answering((i, p) -> Reply.of(i == 0 ? 429 : 204));
             WebhookDispatcher dispatcher = new WebhookDispatcher(quick())) {
            dispatcher.emit(app(everything(receiver.url("/"))), WebhookEvent.channelOccupied("c"));

            receiver.next();
            receiver.next();
            until("accepted on the second attempt", () -> dispatcher.counters().sent() == 1);
            assertThat(dispatcher.counters().retried()).isEqualTo(1);
        }
    }

    @Test
    void aRefusedConnectionIsRetriedUntilTheReceiverComesUp() throws Exception {
        int port = WebhookReceiver.unusedPort();
        try (WebhookDispatcher dispatcher = new WebhookDispatcher(quick())) {
            dispatcher.emit(app(everything(WebhookReceiver.urlOn(port, "/late"))), WebhookEvent.channelOccupied("c"));
            until("a few refused attempts", () -> dispatcher.counters().retried() >= 2);

            try (WebhookReceiver receiver = WebhookReceiver.startOn(port)) {
                assertThat(receiver.next().events()).isEqualTo("[{\"name\":\"channel_occupied\",\"channel\":\"c\"}]");
                until("delivered", () -> dispatcher.counters().sent() == 1);
                assertThat(dispatcher.counters().failed()).isZero();
            }
        }
    }

    @Test
    void anEndpointTooSlowToAnswerIsRetried() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start().answering((i, p) -> i == 0 ? Reply.never() : Reply.of(200));
             WebhookDispatcher dispatcher = new WebhookDispatcher(quick().withRequestTimeout(Duration.ofMillis(200)))) {
            dispatcher.emit(app(everything(receiver.url("/"))), WebhookEvent.channelOccupied("c"));

            WebhookReceiver.Request first = receiver.next();
            WebhookReceiver.Request second = receiver.next();

            assertThat(second.text()).isEqualTo(first.text());
            // the second attempt follows the 200 ms timeout (less a little arrival-time noise), not the first reply
            assertThat(second.arrivedNanos() - first.arrivedNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(180).toNanos());
            until("delivered on the second attempt", () -> dispatcher.counters().sent() == 1);
        }
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start().answering((i, p) -> Reply.of(400));
             WebhookDispatcher dispatcher = new WebhookDispatcher(quick())) {
            dispatcher.emit(app(everything(receiver.url("/"))), WebhookEvent.channelOccupied("c"));

            receiver.next();
            receiver.expectTotalOnceStopped(dispatcher, 1);
            assertThat(dispatcher.counters().failed()).isEqualTo(1);
            assertThat(dispatcher.counters().retried()).isZero();
            assertThat(dispatcher.counters().sent()).isZero();
        }
    }

    @Test
    void aDeliveryIsGivenUpWhenTheNextAttemptWouldStartAfterTheMaximumElapsedTime() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start().answering((i, p) -> Reply.of(503));
             WebhookDispatcher dispatcher = new WebhookDispatcher(retrying(null, Duration.ofMillis(250)))) {
            dispatcher.emit(app(everything(receiver.url("/"))), WebhookEvent.channelOccupied("c"));

            until("given up", () -> dispatcher.counters().failed() == 1);

            List<WebhookReceiver.Request> attempts = receiver.requests();
            long spanMillis = (attempts.get(attempts.size() - 1).arrivedNanos() - attempts.get(0).arrivedNanos()) / 1_000_000;
            assertThat(attempts).hasSizeGreaterThanOrEqualTo(2);
            // attempts start within 250 ms of the first; arrival times add some scheduling noise
            assertThat(spanMillis).isLessThanOrEqualTo(250 + 50);
            assertThat(dispatcher.counters().retried()).isEqualTo(attempts.size() - 1);
            receiver.expectTotalOnceStopped(dispatcher, attempts.size());
        }
    }

    @Test
    void aDeliveryIsGivenUpAfterTheMaximumNumberOfAttempts() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start().answering((i, p) -> Reply.of(500));
             WebhookDispatcher dispatcher = new WebhookDispatcher(retrying(3, Duration.ofSeconds(10)))) {
            dispatcher.emit(app(everything(receiver.url("/"))), WebhookEvent.channelOccupied("c"));

            until("given up", () -> dispatcher.counters().failed() == 1);
            receiver.expectTotalOnceStopped(dispatcher, 3);
        }
    }

    @Test
    void withRetriesOffAFailureIsFinal() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start().answering((i, p) -> Reply.of(502));
             WebhookDispatcher dispatcher = new WebhookDispatcher(quick().withRetry(WebhookSettings.Retry.disabled()))) {
            dispatcher.emit(app(everything(receiver.url("/"))), WebhookEvent.channelOccupied("c"));

            until("failed", () -> dispatcher.counters().failed() == 1);
            receiver.expectTotalOnceStopped(dispatcher, 1);
        }
    }

    @Test
    void anEndpointSeesItsEventsInOrderEvenWhenEarlierOnesNeedRetries() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start().answering((i, p) -> Reply.of(i < 2 ? 500 : 200));
             WebhookDispatcher dispatcher = new WebhookDispatcher(quick())) {
            App app = app(everything(receiver.url("/")));
            for (int i = 1; i <= 5; i++) {
                dispatcher.emit(app, WebhookEvent.channelOccupied("c" + i));
            }

            until("all five delivered", () -> dispatcher.counters().sent() == 5);
            List<String> channels = receiver.requests().stream()
                    .map(r -> r.events().replaceAll(".*\"channel\":\"(c\\d)\".*", "$1"))
                    .toList();
            assertThat(channels).containsExactly("c1", "c1", "c1", "c2", "c3", "c4", "c5");
        }
    }

    @Test
    void anEndpointThatIsStuckHoldsBackOnlyItsOwnDeliveries() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()
                .answering((i, p) -> p.equals("/stuck") ? Reply.never() : Reply.of(200))) {
            WebhookDispatcher dispatcher = new WebhookDispatcher(quick().withRequestTimeout(Duration.ofSeconds(30)));
            App app = app(everything(receiver.url("/stuck")), everything(receiver.url("/fine")));
            for (int i = 1; i <= 3; i++) {
                dispatcher.emit(app, WebhookEvent.channelOccupied("c" + i));
            }

            until("the healthy endpoint got all three", () -> dispatcher.counters().sent() == 3);
            assertThat(receiver.requests().stream().filter(r -> r.path().equals("/stuck")).count()).isEqualTo(1);

            // the stuck endpoint still owes all three events when the server stops
            assertThat(dispatcher.shutdown(Duration.ofMillis(50))).isFalse();
            assertThat(dispatcher.counters().dropped()).isEqualTo(3);
        }
    }
}
