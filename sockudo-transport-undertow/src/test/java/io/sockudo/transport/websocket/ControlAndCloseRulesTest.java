package io.sockudo.transport.websocket;

import static io.sockudo.transport.websocket.ClientFrameWriter.closePayload;
import static io.sockudo.transport.websocket.ClientFrameWriter.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.transport.websocket.DecodedEvents.Event;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §5.5 (control frames) and §7 (closing the connection, status codes). */
class ControlAndCloseRulesTest {

    private static final int MAX = 1024;
    private final ClientFrameWriter client = new ClientFrameWriter();

    private byte[] close(byte[] payload) {
        return client.frame(true, Opcode.CLOSE, payload);
    }

    @Test
    void aPingIsDeliveredWithItsPayloadForThePong() {
        byte[] payload = "are you there".getBytes(StandardCharsets.US_ASCII);
        assertThat(DecodedEvents.of(MAX, client.frame(true, Opcode.PING, payload))).containsExactly(Event.ping(payload));
    }

    @Test
    void anUnsolicitedPongIsDelivered() {
        assertThat(DecodedEvents.of(MAX, client.frame(true, Opcode.PONG, new byte[] {1, 2}))).containsExactly(Event.pong(new byte[] {1, 2}));
    }

    @Test
    void aControlFrameOf125BytesIsAllowed() {
        byte[] payload = new byte[125];
        assertThat(DecodedEvents.of(MAX, client.frame(true, Opcode.PING, payload))).containsExactly(Event.ping(payload));
    }

    @Test
    void aControlFrameOver125BytesIsAProtocolError() {
        assertThat(DecodedEvents.of(MAX, client.frame(true, Opcode.PING, new byte[126]))).containsExactly(Event.error(1002));
        assertThat(DecodedEvents.of(MAX, close(new byte[200]))).containsExactly(Event.error(1002));
    }

    @Test
    void aFragmentedControlFrameIsAProtocolError() {
        assertThat(DecodedEvents.of(MAX, client.frame(false, Opcode.PING, new byte[0]))).containsExactly(Event.error(1002));
        assertThat(DecodedEvents.of(MAX, client.frame(false, Opcode.CLOSE, closePayload(1000, new byte[0]))))
                .containsExactly(Event.error(1002));
    }

    @Test
    void aControlFrameSplitAcrossReadsIsDeliveredWhole() {
        byte[] ping = client.frame(true, Opcode.PING, "0123456789".getBytes(StandardCharsets.US_ASCII));
        DecodedEvents d = new DecodedEvents(MAX).feed(ping, 0, 9);
        assertThat(d.events).isEmpty();
        d.feed(ping, 9, ping.length - 9);
        assertThat(d.events).containsExactly(Event.ping("0123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aCloseFrameWithoutPayloadStandsForNoStatusCode() {
        assertThat(DecodedEvents.of(MAX, close(new byte[0]))).containsExactly(Event.close(1005, ""));
    }

    @Test
    void aCloseFrameWithCodeAndReasonIsDelivered() {
        byte[] reason = "bye ✓".getBytes(StandardCharsets.UTF_8);
        assertThat(DecodedEvents.of(MAX, close(closePayload(4001, reason)))).containsExactly(Event.close(4001, "bye ✓"));
    }

    @Test
    void aCloseFrameOfOneByteIsAProtocolError() {
        assertThat(DecodedEvents.of(MAX, close(new byte[] {0x03}))).containsExactly(Event.error(1002));
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
    void aCloseCodeAllowedOnTheWireIsAccepted(int code) {
        assertThat(DecodedEvents.of(MAX, close(closePayload(code, new byte[0])))).containsExactly(Event.close(code, ""));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void aCloseCodeThatMayNotBeSentIsAProtocolError(int code) {
        assertThat(DecodedEvents.of(MAX, close(closePayload(code, new byte[0])))).containsExactly(Event.error(1002));
    }

    @Test
    void aCloseReasonThatIsNotUtf8IsInvalidPayload() {
        byte[] reason = {'o', 'k', (byte) 0xC3, 0x28};
        assertThat(DecodedEvents.of(MAX, close(closePayload(1000, reason)))).containsExactly(Event.error(1007));
    }

    @Test
    void nothingIsDecodedAfterTheCloseFrame() {
        DecodedEvents d = new DecodedEvents(MAX).feed(concat(close(closePayload(1000, new byte[0])), client.text("after")));
        d.feed(client.text("later"));
        assertThat(d.events).containsExactly(Event.close(1000, ""));
        assertThat(d.stopped()).isTrue();
    }
}
