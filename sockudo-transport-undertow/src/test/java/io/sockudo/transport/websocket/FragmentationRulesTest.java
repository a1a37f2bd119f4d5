package io.sockudo.transport.websocket;

import static io.sockudo.transport.websocket.ClientFrameWriter.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.transport.websocket.DecodedEvents.Event;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 6455 §5.4: fragmentation, and the limits that apply to a whole message. */
class FragmentationRulesTest {

    private static final int MAX = 1024;
    private final ClientFrameWriter client = new ClientFrameWriter();

    private byte[] start(int opcode, String s) {
        return client.frame(false, opcode, s.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] more(String s) {
        return client.frame(false, Opcode.CONTINUATION, s.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] last(String s) {
        return client.frame(true, Opcode.CONTINUATION, s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFragmentedTextMessageIsReassembledInOrder() {
        assertThat(DecodedEvents.of(MAX, concat(start(Opcode.TEXT, "Hel"), more("lo, "), last("world"))))
                .containsExactly(Event.text("Hello, world"));
    }

    @Test
    void aFragmentedBinaryMessageIsReassembled() {
        assertThat(DecodedEvents.of(MAX, concat(start(Opcode.BINARY, "ab"), last("cd"))))
                .containsExactly(Event.binary("abcd".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void emptyFragmentsAreAllowedAnywhereInAMessage() {
        assertThat(DecodedEvents.of(MAX, concat(start(Opcode.TEXT, ""), more(""), more("x"), last(""))))
                .containsExactly(Event.text("x"));
    }

    @Test
    void controlFramesMayComeBetweenTheFragmentsOfAMessage() {
        byte[] ping = client.frame(true, Opcode.PING, "p".getBytes(StandardCharsets.US_ASCII));
        byte[] pong = client.frame(true, Opcode.PONG, new byte[0]);
        assertThat(DecodedEvents.of(MAX, concat(start(Opcode.TEXT, "a"), ping, more("b"), pong, last("c"))))
                .containsExactly(Event.ping("p".getBytes(StandardCharsets.US_ASCII)), Event.pong(new byte[0]), Event.text("abc"));
    }

    @Test
    void aCloseFrameBetweenFragmentsEndsTheConversationWithoutTheMessage() {
        byte[] close = client.frame(true, Opcode.CLOSE, ClientFrameWriter.closePayload(1000, new byte[0]));
        assertThat(DecodedEvents.of(MAX, concat(start(Opcode.TEXT, "a"), close, last("b"))))
                .containsExactly(Event.close(1000, ""));
    }

    @Test
    void aContinuationFrameWithoutAMessageToContinueIsAProtocolError() {
        assertThat(DecodedEvents.of(MAX, last("orphan"))).containsExactly(Event.error(1002));
        assertThat(DecodedEvents.of(MAX, concat(client.text("done"), more("orphan"))))
                .containsExactly(Event.text("done"), Event.error(1002));
    }

    @Test
    void aNewDataFrameInsideAFragmentedMessageIsAProtocolError() {
        assertThat(DecodedEvents.of(MAX, concat(start(Opcode.TEXT, "a"), client.text("b")))).containsExactly(Event.error(1002));
        assertThat(DecodedEvents.of(MAX, concat(start(Opcode.TEXT, "a"), start(Opcode.BINARY, "b"))))
                .containsExactly(Event.error(1002));
    }

    @Test
    void aFragmentedMessageOverTheLimitIsMessageTooBigAsSoonAsTheFragmentThatCrossesItIsAnnounced() {
        String half = "x".repeat(MAX / 2);
        DecodedEvents d = new DecodedEvents(MAX).feed(concat(start(Opcode.TEXT, half), more(half)));
        assertThat(d.events).isEmpty();
        byte[] crossing = last("y");
        d.feed(crossing, 0, 2); // its header only
        assertThat(d.events).containsExactly(Event.error(1009));
    }

    @Test
    void aFragmentedMessageOfExactlyTheLimitIsAccepted() {
        String half = "x".repeat(MAX / 2);
        assertThat(DecodedEvents.of(MAX, concat(start(Opcode.TEXT, half), last(half)))).containsExactly(Event.text(half + half));
    }

    @Test
    void messagesAfterAFragmentedOneStartAfresh() {
        assertThat(DecodedEvents.of(MAX, concat(start(Opcode.TEXT, "a"), last("b"), client.text("c"),
                start(Opcode.BINARY, "d"), last("e"))))
                .containsExactly(Event.text("ab"), Event.text("c"), Event.binary("de".getBytes(StandardCharsets.US_ASCII)));
    }
}
