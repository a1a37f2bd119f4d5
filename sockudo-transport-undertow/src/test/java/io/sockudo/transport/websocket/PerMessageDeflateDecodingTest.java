package io.sockudo.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.transport.websocket.DecodedEvents.Event;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** RFC 7692 §6 and §7.2 on the receiving side: RSV1, inflating, and the limit on what inflates. */
class PerMessageDeflateDecodingTest {

    private static final int MAX = 64 * 1024;
    private static final int RSV1 = 4;
    private final ClientFrameWriter client = new ClientFrameWriter();

    /** A client's compressor: with context takeover unless told to reset per message. */
    private static final class ClientDeflater {
        private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        private final boolean resetPerMessage;

        ClientDeflater(boolean resetPerMessage) {
            this.resetPerMessage = resetPerMessage;
        }

        byte[] compress(byte[] message) {
            if (resetPerMessage) {
                deflater.reset();
            }
            deflater.setInput(message);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            do {
                n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                out.write(buf, 0, n);
            } while (n == buf.length || !deflater.needsInput());
            byte[] all = out.toByteArray();
            return Arrays.copyOf(all, all.length - 4);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private DecodedEvents decoder(boolean clientNoContextTakeover) {
        return new DecodedEvents(MAX, new MessageInflater(clientNoContextTakeover));
    }

    @Test
    void aCompressedTextMessageIsInflated() {
        String text = "{\"event\":\"pusher:ping\",\"data\":{}}".repeat(5);
        byte[] c = new ClientDeflater(true).compress(utf8(text));

        List<Event> events = decoder(true).feed(client.frame(true, RSV1, Opcode.TEXT, c, true)).events;

        assertThat(events).containsExactly(Event.text(text));
    }

    @Test
    void messagesThatReferToEarlierOnesAreInflatedWithContextTakeover() {
        ClientDeflater deflater = new ClientDeflater(false);
        DecodedEvents d = decoder(false);
        List<Event> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String text = "{\"event\":\"client-move\",\"channel\":\"private-game\",\"data\":{\"x\":" + i + "}}";
            d.feed(client.frame(true, RSV1, Opcode.TEXT, deflater.compress(utf8(text)), true));
            expected.add(Event.text(text));
        }
        assertThat(d.events).containsExactlyElementsOf(expected);
    }

    @Test
    void withContextTakeoverNoNativeInflaterOutlivesAMessageAndTheSocketKeepsOnlyWhatTheClientSent() {
        ClientDeflater deflater = new ClientDeflater(false);
        MessageInflater inflater = new MessageInflater(false);
        DecodedEvents d = new DecodedEvents(MAX * 4, inflater);
        List<Event> expected = new ArrayList<>();
        int sent = 0;
        for (int i = 0; i < 5; i++) {
            String text = "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"room-" + i + "\"}}";
            d.feed(client.frame(true, RSV1, Opcode.TEXT, deflater.compress(utf8(text)), true));
            expected.add(Event.text(text));
            sent += text.length();
            assertThat(inflater.holdsInflater()).isFalse();
            assertThat(inflater.historyBytes()).as("the history grows with what was sent, no further").isLessThanOrEqualTo(2 * sent);
        }
        // a message longer than the window: the history stops at the window, and the messages
        // after it still refer back into it
        Random random = new Random(3);
        StringBuilder big = new StringBuilder();
        while (big.length() < 100_000) {
            big.append("{\"n\":").append(random.nextInt(1000)).append(",\"text\":\"lorem ipsum dolor sit amet\"}");
        }
        for (String text : List.of(big.toString(), "{\"n\":7,\"text\":\"lorem ipsum dolor sit amet\"}", "room-3 room-4")) {
            d.feed(client.frame(true, RSV1, Opcode.TEXT, deflater.compress(utf8(text)), true));
            expected.add(Event.text(text));
        }
        assertThat(d.events).containsExactlyElementsOf(expected);
        assertThat(inflater.historyBytes()).isEqualTo(MessageInflater.MAX_HISTORY);
        assertThat(inflater.holdsInflater()).isFalse();
    }

    @Test
    void withoutContextTakeoverNothingIsKeptBetweenMessages() {
        MessageInflater inflater = new MessageInflater(true);
        DecodedEvents d = new DecodedEvents(MAX, inflater);
        d.feed(client.frame(true, RSV1, Opcode.TEXT, new ClientDeflater(true).compress(utf8("hello hello hello")), true));
        assertThat(d.events).containsExactly(Event.text("hello hello hello"));
        assertThat(inflater.historyBytes()).isZero();
        assertThat(inflater.holdsInflater()).isFalse();
    }

    @Test
    void uncompressedMessagesMayBeMixedIn() {
        ClientDeflater deflater = new ClientDeflater(true);
        DecodedEvents d = decoder(true);
        d.feed(client.text("plain"));
        d.feed(client.frame(true, RSV1, Opcode.TEXT, deflater.compress(utf8("compressed")), true));
        d.feed(client.text("plain again"));
        assertThat(d.events).containsExactly(Event.text("plain"), Event.text("compressed"), Event.text("plain again"));
    }

    @Test
    void aFragmentedCompressedMessageHasRsv1OnItsFirstFrameOnly() {
        String text = "the quick brown fox jumps over the lazy dog, ".repeat(40) + "ünïcödé";
        byte[] c = new ClientDeflater(true).compress(utf8(text));
        int a = c.length / 3;
        int b = 2 * c.length / 3;
        byte[] stream = ClientFrameWriter.concat(
                client.frame(false, RSV1, Opcode.TEXT, Arrays.copyOfRange(c, 0, a), true),
                client.frame(true, 0, Opcode.PING, utf8("mid"), true),
                client.frame(false, 0, Opcode.CONTINUATION, Arrays.copyOfRange(c, a, b), true),
                client.frame(true, 0, Opcode.CONTINUATION, Arrays.copyOfRange(c, b, c.length), true));

        assertThat(decoder(true).feed(stream).events).containsExactly(Event.ping(utf8("mid")), Event.text(text));
        for (int seed = 0; seed < 50; seed++) {
            DecodedEvents d = new DecodedEvents(MAX, new MessageInflater(true));
            Random random = new Random(seed);
            int p = 0;
            while (p < stream.length) {
                int n = 1 + random.nextInt(Math.min(16, stream.length - p));
                d.feed(stream, p, n);
                p += n;
            }
            assertThat(d.events).as("seed " + seed).containsExactly(Event.ping(utf8("mid")), Event.text(text));
        }
    }

    @Test
    void rsv1OnAContinuationFrameIsAProtocolError() {
        byte[] c = new ClientDeflater(true).compress(utf8("hello hello hello"));
        byte[] stream = ClientFrameWriter.concat(
                client.frame(false, RSV1, Opcode.TEXT, Arrays.copyOfRange(c, 0, 3), true),
                client.frame(true, RSV1, Opcode.CONTINUATION, Arrays.copyOfRange(c, 3, c.length), true));
        assertThat(decoder(true).feed(stream).events).containsExactly(Event.error(CloseCodes.PROTOCOL_ERROR));
    }

    @Test
    void rsv1OnAControlFrameIsAProtocolError() {
        for (int opcode : new int[] {Opcode.PING, Opcode.PONG, Opcode.CLOSE}) {
            assertThat(decoder(true).feed(client.frame(true, RSV1, opcode, new byte[0], true)).events)
                    .containsExactly(Event.error(CloseCodes.PROTOCOL_ERROR));
        }
    }

    @Test
    void rsv2AndRsv3StayReservedWithTheExtension() {
        for (int rsv : new int[] {1, 2, 3, 5, 6, 7}) {
            assertThat(decoder(true).feed(client.frame(true, rsv, Opcode.TEXT, utf8("x"), true)).events)
                    .as("rsv " + rsv).containsExactly(Event.error(CloseCodes.PROTOCOL_ERROR));
        }
    }

    @Test
    void rsv1WithoutTheExtensionIsAProtocolError() {
        byte[] c = new ClientDeflater(true).compress(utf8("hello"));
        assertThat(DecodedEvents.of(MAX, client.frame(true, RSV1, Opcode.TEXT, c, true)))
                .containsExactly(Event.error(CloseCodes.PROTOCOL_ERROR));
    }

    @Test
    void aDecompressionBombClosesWith1009BeforeInflatingPastTheLimit() {
        byte[] zeros = new byte[50 * 1024 * 1024];
        byte[] bomb = new ClientDeflater(true).compress(zeros);
        assertThat(bomb.length).isLessThan(MAX);
        DecodedEvents d = decoder(true);

        d.feed(client.frame(true, RSV1, Opcode.BINARY, bomb, true));

        assertThat(d.events).containsExactly(Event.error(CloseCodes.MESSAGE_TOO_BIG));
        assertThat(d.stopped()).isTrue();
    }

    @Test
    void aMessageThatInflatesToExactlyTheLimitIsTaken() {
        byte[] message = new byte[MAX];
        Arrays.fill(message, (byte) 'a');
        byte[] c = new ClientDeflater(true).compress(message);
        assertThat(decoder(true).feed(client.frame(true, RSV1, Opcode.TEXT, c, true)).events)
                .containsExactly(Event.text(new String(message, StandardCharsets.US_ASCII)));
    }

    @Test
    void compressedInvalidUtf8IsRefusedWith1007() {
        byte[] c = new ClientDeflater(true).compress(new byte[] {'o', 'k', (byte) 0xC0, (byte) 0xAF});
        assertThat(decoder(true).feed(client.frame(true, RSV1, Opcode.TEXT, c, true)).events)
                .containsExactly(Event.error(CloseCodes.INVALID_PAYLOAD));
    }

    @Test
    void bytesThatAreNotADeflateStreamAreRefused() {
        byte[] garbage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01, 0x02};
        assertThat(decoder(true).feed(client.frame(true, RSV1, Opcode.TEXT, garbage, true)).events)
                .containsExactly(Event.error(CloseCodes.INVALID_PAYLOAD));
    }

    @Test
    void anEmptyCompressedMessageIsTheEmptyMessage() {
        // RFC 7692 §7.2.3.6: an empty message compresses to a single 0x00 byte
        assertThat(decoder(true).feed(client.frame(true, RSV1, Opcode.TEXT, new byte[] {0}, true)).events)
                .containsExactly(Event.text(""));
    }
}
