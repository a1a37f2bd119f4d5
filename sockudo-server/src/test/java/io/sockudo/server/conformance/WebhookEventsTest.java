package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.EngineOptions;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.Webhook;
import io.sockudo.protocol.WebhookEvent;
import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.ClientFrames;
import io.sockudo.testkit.Sentinel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook events the server produces, as its webhook sink receives them: occupancy, membership
 * once per user, client events and cache misses (checklist O 98, H 63). Delivery over HTTP is the
 * sink's business and not covered here.
 */
class WebhookEventsTest {

    private final LinkedBlockingQueue<WebhookEvent> events = new LinkedBlockingQueue<>();
    private SockudoServer server;

    @BeforeEach
    void start() {
        App app = TestServer.app()
                .enableClientMessages(true)
                .webhooks(List.of(Webhook.of("http://127.0.0.1:9/hook", Set.of(
                        WebhookEvent.CHANNEL_OCCUPIED, WebhookEvent.CHANNEL_VACATED, WebhookEvent.MEMBER_ADDED,
                        WebhookEvent.MEMBER_REMOVED, WebhookEvent.CLIENT_EVENT, WebhookEvent.CACHE_MISS))))
                .build();
        server = TestServer.start(b -> b.app(app)
                .engine(EngineOptions.builder().webhookDebounce(Duration.ofMillis(100)).build())
                .webhooks((a, e) -> {
                    assertThat(a.id()).isEqualTo(TestServer.APP_ID);
                    events.add(e);
                }));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private WebhookEvent next() {
        try {
            WebhookEvent e = events.poll(5, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("no webhook event within 5 s");
            }
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next event of a type, skipping the occupancy and membership events that come and go meanwhile. */
    private WebhookEvent next(String name) {
        WebhookEvent e;
        while (!(e = next()).name().equals(name)) {
            assertThat(e.name()).isIn(WebhookEvent.CHANNEL_OCCUPIED, WebhookEvent.MEMBER_ADDED);
        }
        return e;
    }

    /**
     * Every event before the sentinel. Removals wait out the debounce on one timer, in the
     * order they were scheduled, so a removal the test caused after the step under test is a
     * sentinel for any removal that step might have caused.
     */
    private List<WebhookEvent> eventsBefore(WebhookEvent sentinel) {
        return Sentinel.before(millis -> events.poll(millis, TimeUnit.MILLISECONDS), sentinel::equals);
    }

    @Test
    void theFirstSubscriberOccupiesAChannelAndTheLastOneVacatesIt() {
        try (WsClient a = WsClient.established(server.port(), TestServer.KEY);
             WsClient b = WsClient.established(server.port(), TestServer.KEY)) {
            Join.publicChannel(a, "hooked");
            assertThat(next()).isEqualTo(WebhookEvent.channelOccupied("hooked"));
            Join.publicChannel(b, "hooked");
            a.send(ClientFrames.unsubscribe("hooked"));
            Join.stillUp(a);
            Join.publicChannel(a, "hook-sentinel");
            a.send(ClientFrames.unsubscribe("hook-sentinel"));
            assertThat(eventsBefore(WebhookEvent.channelVacated("hook-sentinel")))
                    .as("b still holds the channel").containsExactly(WebhookEvent.channelOccupied("hook-sentinel"));
            b.send(ClientFrames.unsubscribe("hooked"));
            assertThat(next()).isEqualTo(WebhookEvent.channelVacated("hooked"));
        }
    }

    @Test
    void membersAreAddedAndRemovedOncePerUserWithTheirIdAsWritten() {
        try (WsClient tab1 = WsClient.established(server.port(), TestServer.KEY);
             WsClient tab2 = WsClient.established(server.port(), TestServer.KEY);
             WsClient numeric = WsClient.established(server.port(), TestServer.KEY)) {
            Join.presence(tab1, "presence-hooked", "{\"user_id\":\"2\"}");
            assertThat(List.of(next(), next())).containsExactlyInAnyOrder(
                    WebhookEvent.channelOccupied("presence-hooked"), WebhookEvent.memberAdded("presence-hooked", "\"2\""));
            Join.presence(tab2, "presence-hooked", "{\"user_id\":\"2\"}");
            Join.presence(numeric, "presence-hooked", "{\"user_id\":3}");
            assertThat(next()).isEqualTo(WebhookEvent.memberAdded("presence-hooked", "3"));
            tab1.send(ClientFrames.unsubscribe("presence-hooked")).send(ClientFrames.ping());
            tab1.nextStartingWith(Expected.PONG);
            numeric.send(ClientFrames.unsubscribe("presence-hooked"));
            assertThat(eventsBefore(WebhookEvent.memberRemoved("presence-hooked", "3"))).as("user 2 still has a tab").isEmpty();
            tab2.send(ClientFrames.unsubscribe("presence-hooked"));
            assertThat(next()).isEqualTo(WebhookEvent.memberRemoved("presence-hooked", "\"2\""));
        }
    }

    @Test
    void clientEventsAreReportedWithTheSendersSocketAndOnPresenceItsUser() {
        try (WsClient sender = WsClient.established(server.port(), TestServer.KEY);
             WsClient other = WsClient.established(server.port(), TestServer.KEY)) {
            Join.privateChannel(sender, "private-hooked");
            Join.privateChannel(other, "private-hooked");
            assertThat(next()).isEqualTo(WebhookEvent.channelOccupied("private-hooked"));
            sender.send(ClientFrames.clientEvent("client-greeting", "private-hooked", "{\"message\":\"hello\"}"));
            assertThat(next()).isEqualTo(WebhookEvent.clientEvent("private-hooked", "client-greeting", "{\"message\":\"hello\"}",
                    sender.socketId(), null));

            Join.presence(sender, "presence-chatty", "{\"user_id\":\"7\"}");
            Join.presence(other, "presence-chatty", "{\"user_id\":\"8\"}");
            sender.nextStartingWith("{\"event\":\"pusher_internal:member_added\"");
            sender.send(ClientFrames.clientEvent("client-hi", "presence-chatty", "{}"));
            assertThat(next(WebhookEvent.CLIENT_EVENT)).isEqualTo(WebhookEvent.clientEvent("presence-chatty", "client-hi", "{}", sender.socketId(), "\"7\""));
        }
    }

    @Test
    void aSubscriberMeetingAnEmptyCacheIsReported() {
        try (WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            Join.privateChannel(c, "private-cache-hooked");
            assertThat(c.next()).isEqualTo(Expected.cacheMiss("private-cache-hooked"));
            assertThat(List.of(next(), next())).containsExactlyInAnyOrder(
                    WebhookEvent.channelOccupied("private-cache-hooked"), WebhookEvent.cacheMiss("private-cache-hooked"));
        }
    }
}
