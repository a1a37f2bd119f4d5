package io.sockudo.transport.websocket;

import static io.sockudo.transport.websocket.ClientFrameWriter.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.transport.websocket.DecodedEvents.Event;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §5.1–§5.3 and §5.7: base framing, masking, reserved bits, opcodes and lengths. */
class FramingRulesTest {

    private static final int MAX = 64 * 1024;
    private final ClientFrameWriter client = new ClientFrameWriter();

    @Test
    void theMaskedHelloOfTheRfcExampleIsDecoded() {
        byte[] rfc = {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58};
        assertThat(DecodedEvents.of(MAX, rfc)).containsExactly(Event.text("Hello"));
    }

    @Test
    void theUnmaskedHelloOfTheRfcExampleIsAProtocolError() {
        byte[] rfc = {(byte) 0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f};
        assertThat(DecodedEvents.of(MAX, rfc)).containsExactly(Event.error(1002));
    }

    @Test
    void anUnmaskedClientFrameFailsOnItsSecondByteBeforeThePayloadArrives() {
        DecodedEvents d = new DecodedEvents(MAX).feed(new byte[] {(byte) 0x81, 0x7D});
        assertThat(d.events).containsExactly(Event.error(1002));
        assertThat(d.lastReason).contains("masked");
    }

    @Test
    void anUnmaskedControlFrameIsAProtocolError() {
        assertThat(DecodedEvents.of(MAX, client.frame(true, 0, Opcode.PING, new byte[0], false)))
                .containsExactly(Event.error(1002));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void aReservedBitWithoutANegotiatedExtensionIsAProtocolError(int rsv) {
        assertThat(DecodedEvents.of(MAX, client.frame(true, rsv, Opcode.TEXT, "x".getBytes(), true)))
                .containsExactly(Event.error(1002));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void aReservedOpcodeIsAProtocolErrorOnTheFirstByte(int opcode) {
        assertThat(DecodedEvents.of(MAX, new byte[] {(byte) (0x80 | opcode)})).containsExactly(Event.error(1002));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 65537})
    void payloadLengthsOfEveryEncodingAreDecoded(int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 'a');
        assertThat(DecodedEvents.of(128 * 1024, client.frame(true, Opcode.TEXT, payload)))
                .containsExactly(new Event("text", payload, 0));
    }

    @Test
    void aBinaryMessageIsDeliveredAsItIs() {
        byte[] payload = {0, (byte) 0xFF, (byte) 0xC0, (byte) 0x80};
        assertThat(DecodedEvents.of(MAX, client.frame(true, Opcode.BINARY, payload))).containsExactly(Event.binary(payload));
    }

    @Test
    void severalFramesInOneReadAreAllDecodedInOrder() {
        byte[] stream = concat(client.text("a"), client.frame(true, Opcode.PING, "p".getBytes()), client.text("b"));
        assertThat(DecodedEvents.of(MAX, stream))
                .containsExactly(Event.text("a"), Event.ping("p".getBytes()), Event.text("b"));
    }

    @Test
    void aFrameFedOneByteAtATimeIsDecodedOnceComplete() {
        byte[] frame = client.text("split everywhere");
        DecodedEvents d = new DecodedEvents(MAX);
        for (int i = 0; i < frame.length; i++) {
            assertThat(d.events).isEmpty();
            d.feed(frame, i, 1);
        }
        assertThat(d.events).containsExactly(Event.text("split everywhere"));
    }

    @Test
    void aSixtyFourBitLengthWithItsTopBitSetIsAProtocolErrorNotMessageTooBig() {
        assertThat(DecodedEvents.of(MAX, ClientFrameWriter.header64(Opcode.TEXT, 0x8000_0000_0000_0005L)))
                .containsExactly(Event.error(1002));
        assertThat(DecodedEvents.of(MAX, ClientFrameWriter.header64(Opcode.BINARY, -1L)))
                .containsExactly(Event.error(1002));
    }

    @Test
    void aFrameAnnouncedOverTheLimitIsMessageTooBigBeforeItsPayloadArrives() {
        DecodedEvents d = new DecodedEvents(MAX).feed(ClientFrameWriter.header64(Opcode.TEXT, MAX + 1L));
        assertThat(d.events).containsExactly(Event.error(1009));
        assertThat(d.lastReason).isEqualTo("Maximum message size exceeded");
    }

    @Test
    void aMessageOfExactlyTheLimitIsAccepted() {
        byte[] payload = new byte[MAX];
        Arrays.fill(payload, (byte) 'z');
        assertThat(DecodedEvents.of(MAX, client.frame(true, Opcode.TEXT, payload))).containsExactly(new Event("text", payload, 0));
    }

    @Test
    void aLengthHeaderAloneMakesTheDecoderAllocateNothingNearTheAnnouncedSize() {
        int max = 256 * 1024 * 1024;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        FrameDecoder decoder = new FrameDecoder(max, new DecodedEvents(max));
        byte[] header = ClientFrameWriter.header64(Opcode.TEXT, max - 1);
        byte[] someBytes = new byte[1000];
        long before = threads.getThreadAllocatedBytes(self);
        decoder.feed(header, 0, header.length);
        decoder.feed(someBytes, 0, someBytes.length);
        long allocated = threads.getThreadAllocatedBytes(self) - before;
        assertThat(decoder.isStopped()).isFalse();
        assertThat(allocated).as("bytes allocated for a header announcing %d bytes", max - 1).isLessThan(1024 * 1024);
    }

    @Test
    void nothingIsDecodedAfterAProtocolError() {
        byte[] stream = concat(client.frame(true, 1, Opcode.TEXT, "x".getBytes(), true), client.text("after"));
        DecodedEvents d = new DecodedEvents(MAX).feed(stream).feed(client.text("later"));
        assertThat(d.events).containsExactly(Event.error(1002));
        assertThat(d.stopped()).isTrue();
    }
}
