package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Well-framed WebSocket messages that are not valid Pusher messages: answered with 4000 and
 * forgiven, or ignored; never the end of the connection (checklist C).
 */
class MalformedInputTest {

    private static SockudoServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WsClient client() {
        return WsClient.established(server.port(), TestServer.KEY);
    }

    private static void assertForgivenWith4000(WsClient c, String frame) {
        c.send(frame);
        assertThat(c.next()).as("answer to %s", frame).satisfies(f -> Expected.error(f, 4000));
        Join.stillUp(c);
    }

    @Test
    void textThatIsNotJsonGets4000AndTheConnectionStaysOpen() {
        try (WsClient c = client()) {
            for (String frame : List.of("hello", "{", "{\"event\":", "", "null", "\u0000")) {
                assertForgivenWith4000(c, frame);
            }
        }
    }

    @Test
    void jsonThatIsNotAnObjectGets4000() {
        try (WsClient c = client()) {
            for (String frame : List.of("[]", "[{\"event\":\"pusher:ping\"}]", "\"pusher:ping\"", "42", "true")) {
                assertForgivenWith4000(c, frame);
            }
        }
    }

    @Test
    void aMessageWithoutAnEventGets4000() {
        try (WsClient c = client()) {
            assertForgivenWith4000(c, "{}");
            assertForgivenWith4000(c, "{\"data\":{\"channel\":\"x\"}}");
            assertForgivenWith4000(c, "{\"event\":null,\"data\":{}}");
        }
    }

    @Test
    void fieldsOfTheWrongTypeGet4000() {
        try (WsClient c = client()) {
            for (String frame : List.of(
                    "{\"event\":1,\"data\":{}}",
                    "{\"event\":{\"name\":\"pusher:ping\"},\"data\":{}}",
                    "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":1}}",
                    "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":[\"a\"]}}",
                    "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"private-x\",\"auth\":123}}",
                    "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"presence-x\",\"auth\":\"k:s\",\"channel_data\":{\"user_id\":\"1\"}}}",
                    "{\"event\":\"pusher:subscribe\",\"data\":7}",
                    "{\"event\":\"pusher:signin\",\"data\":{\"user_data\":{\"id\":\"1\"},\"auth\":\"k:s\"}}")) {
                assertForgivenWith4000(c, frame);
            }
        }
    }

    @Test
    void aSubscribeWithItsDataAsAJsonStringIsUnderstood() {
        try (WsClient c = client()) {
            c.send("{\"event\":\"pusher:subscribe\",\"data\":\"{\\\"channel\\\":\\\"stringly\\\"}\"}");
            assertThat(c.next()).isEqualTo(Expected.succeeded("stringly"));
        }
    }

    @Test
    void unknownPusherEventsAndOtherEventNamesAreIgnoredSilently() {
        try (WsClient c = client()) {
            c.send("{\"event\":\"pusher:no_such_thing\",\"data\":{}}");
            c.send("{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"x\",\"data\":\"{}\"}");
            c.send("{\"event\":\"greeting\",\"data\":{}}");
            Join.stillUp(c);
        }
    }

    @Test
    void aMessageJustUnderTheSizeLimitIsAccepted() {
        try (WsClient c = client()) {
            c.send("{\"event\":\"ignored\",\"data\":\"" + "x".repeat(60 * 1024) + "\"}");
            Join.stillUp(c);
        }
    }

    @Test
    void aMessageOverTheSizeLimitClosesTheConnectionWith1009() {
        try (WsClient c = client(); WsClient bystander = client()) {
            c.send("{\"event\":\"ignored\",\"data\":\"" + "x".repeat(65 * 1024) + "\"}");
            assertThat(c.closeCode(3000)).isEqualTo(1009);
            Join.stillUp(bystander);
        }
    }
}
