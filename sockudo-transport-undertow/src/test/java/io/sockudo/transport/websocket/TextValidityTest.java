package io.sockudo.transport.websocket;

import static io.sockudo.transport.websocket.ClientFrameWriter.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.transport.websocket.DecodedEvents.Event;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 6455 §5.6 and §8.1: text messages are UTF-8, checked as their bytes arrive. */
class TextValidityTest {

    private static final int MAX = 1024;
    private final ClientFrameWriter client = new ClientFrameWriter();

    @Test
    void textThatIsNotUtf8IsInvalidPayload() {
        assertThat(DecodedEvents.of(MAX, client.frame(true, Opcode.TEXT, new byte[] {'a', (byte) 0xFF})))
                .containsExactly(Event.error(1007));
    }

    @Test
    void anEncodedSurrogateIsInvalidPayload() {
        assertThat(DecodedEvents.of(MAX, client.frame(true, Opcode.TEXT, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})))
                .containsExactly(Event.error(1007));
    }

    @Test
    void aBadFirstFragmentFailsAtOnceWithoutWaitingForTheRestOfTheMessage() {
        byte[] bad = client.frame(false, Opcode.TEXT, new byte[] {'o', 'k', (byte) 0xC0, (byte) 0xAF});
        assertThat(DecodedEvents.of(MAX, bad)).containsExactly(Event.error(1007));
    }

    @Test
    void aBadMiddleFragmentFailsAtOnce() {
        byte[] first = client.frame(false, Opcode.TEXT, "fine ".getBytes(StandardCharsets.UTF_8));
        byte[] bad = client.frame(false, Opcode.CONTINUATION, new byte[] {(byte) 0xF4, (byte) 0x90});
        assertThat(DecodedEvents.of(MAX, concat(first, bad))).containsExactly(Event.error(1007));
    }

    @Test
    void aBadByteFailsBeforeTheRestOfItsFrameArrives() {
        byte[] payload = new byte[100];
        payload[10] = (byte) 0xFE;
        byte[] frame = client.frame(true, Opcode.TEXT, payload);
        DecodedEvents d = new DecodedEvents(MAX).feed(frame, 0, 30);
        assertThat(d.events).containsExactly(Event.error(1007));
    }

    @Test
    void aCharacterSplitAcrossFragmentsIsValid() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        byte[] first = client.frame(false, Opcode.TEXT, new byte[] {'a', euro[0]});
        byte[] second = client.frame(false, Opcode.CONTINUATION, new byte[] {euro[1]});
        byte[] last = client.frame(true, Opcode.CONTINUATION, new byte[] {euro[2], 'b'});
        assertThat(DecodedEvents.of(MAX, concat(first, second, last))).containsExactly(Event.text("a€b"));
    }

    @Test
    void aMessageThatEndsInsideACharacterIsInvalidPayload() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        byte[] first = client.frame(false, Opcode.TEXT, new byte[] {'a', euro[0]});
        byte[] last = client.frame(true, Opcode.CONTINUATION, new byte[] {euro[1]});
        assertThat(DecodedEvents.of(MAX, concat(first, last))).containsExactly(Event.error(1007));
        assertThat(DecodedEvents.of(MAX, client.frame(true, Opcode.TEXT, new byte[] {euro[0], euro[1]})))
                .containsExactly(Event.error(1007));
    }

    @Test
    void theTextStateDoesNotLeakFromOneMessageIntoTheNext() {
        byte[] fine = client.text("é");
        assertThat(DecodedEvents.of(MAX, concat(fine, fine))).containsExactly(Event.text("é"), Event.text("é"));
    }

    @Test
    void binaryMessagesAreNotCheckedForUtf8() {
        byte[] bytes = {(byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        assertThat(DecodedEvents.of(MAX, client.frame(true, Opcode.BINARY, bytes))).containsExactly(Event.binary(bytes));
    }

    @Test
    void pingPayloadsAreNotCheckedForUtf8() {
        byte[] bytes = {(byte) 0xFF};
        assertThat(DecodedEvents.of(MAX, client.frame(true, Opcode.PING, bytes))).containsExactly(Event.ping(bytes));
    }
}
