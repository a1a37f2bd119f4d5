package io.sockudo.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.transport.websocket.DecodedEvents.Event;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties over many generated streams (seeded, so a failure is reproducible from the seed in
 * its message): whatever the bytes and however they are split, the decoder yields only valid
 * messages, or ends with one protocol error carrying a close code of §7.4.1; and what a client
 * writes comes back as it was written.
 */
class FrameDecoderPropertiesTest {

    private static final int MAX = 512;
    private static final int STREAMS = 3000;
    /** Above the largest message {@link #writeMessage} makes (200 four-byte characters). */
    private static final int ROUND_TRIP_MAX = 1024;

    @Test
    void arbitraryBytesInArbitrarySplitsYieldOnlyValidMessagesOrOneProtocolError() {
        for (int seed = 0; seed < STREAMS; seed++) {
            Random random = new Random(seed);
            byte[] stream = arbitraryStream(random);
            List<Event> whole = DecodedEvents.of(MAX, stream);
            List<Event> split = DecodedEvents.split(MAX, stream, random);
            String context = "seed " + seed + ", stream " + HexFormat.of().formatHex(stream);
            assertThat(split).as(context).isEqualTo(whole);
            assertValid(whole, context);
        }
    }

    @Test
    void messagesWrittenByAClientComeBackTheSameHoweverTheBytesAreSplit() {
        for (int seed = 0; seed < STREAMS; seed++) {
            Random random = new Random(seed);
            ClientFrameWriter client = new ClientFrameWriter(random);
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            List<Event> sent = new ArrayList<>();
            int messages = 1 + random.nextInt(6);
            for (int i = 0; i < messages; i++) {
                writeMessage(client, random, stream, sent);
            }
            if (random.nextBoolean()) {
                byte[] reason = randomText(random, 20).getBytes(StandardCharsets.UTF_8);
                stream.writeBytes(client.frame(true, Opcode.CLOSE, ClientFrameWriter.closePayload(1000 + random.nextInt(2), reason)));
                sent.add(new Event("close", reason, 0));
            }
            List<Event> received = DecodedEvents.split(ROUND_TRIP_MAX, stream.toByteArray(), random);
            assertThat(withoutCodes(received)).as("seed " + seed).isEqualTo(withoutCodes(sent));
        }
    }

    // ------------------------------------------------------------------ checking

    private static void assertValid(List<Event> events, String context) {
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            assertThat(!e.isTerminal() || i == events.size() - 1).as("a close or an error is the last event; " + context).isTrue();
            switch (e.kind()) {
                case "text" -> {
                    assertThat(e.payload().length).as(context).isLessThanOrEqualTo(MAX);
                    assertThat(isUtf8(e.payload())).as("text is UTF-8; " + context).isTrue();
                }
                case "binary" -> assertThat(e.payload().length).as(context).isLessThanOrEqualTo(MAX);
                case "ping", "pong" -> assertThat(e.payload().length).as(context).isLessThanOrEqualTo(125);
                case "close" -> assertThat(e.code() == CloseCodes.NO_STATUS || CloseCodes.allowedOnWire(e.code())).as(context).isTrue();
                case "error" -> assertThat(e.code()).as(context).isIn(1002, 1007, 1009);
                default -> throw new AssertionError("unknown event " + e);
            }
        }
    }

    private static boolean isUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static List<Event> withoutCodes(List<Event> events) {
        return events.stream().map(e -> new Event(e.kind(), e.payload(), 0)).toList();
    }

    // ------------------------------------------------------------------ generating

    /** Random bytes, plausible frames with random fields, or valid frames with a few bits flipped. */
    private static byte[] arbitraryStream(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ClientFrameWriter client = new ClientFrameWriter(random);
        int kind = random.nextInt(3);
        int frames = 1 + random.nextInt(8);
        for (int i = 0; i < frames; i++) {
            switch (kind) {
                case 0 -> {
                    byte[] junk = new byte[random.nextInt(64)];
                    random.nextBytes(junk);
                    out.writeBytes(junk);
                }
                case 1 -> out.writeBytes(client.frame(random.nextInt(4) != 0, random.nextInt(8) == 0 ? random.nextInt(8) : 0,
                        randomOpcode(random), randomPayload(random), random.nextInt(10) != 0));
                default -> writeMessage(client, random, out, new ArrayList<>());
            }
        }
        byte[] stream = out.toByteArray();
        if (kind == 2 && stream.length > 0) {
            for (int flips = random.nextInt(3); flips > 0; flips--) {
                stream[random.nextInt(stream.length)] ^= (byte) (1 << random.nextInt(8));
            }
        }
        return stream;
    }

    private static int randomOpcode(Random random) {
        int[] usual = {Opcode.TEXT, Opcode.BINARY, Opcode.CONTINUATION, Opcode.PING, Opcode.PONG, Opcode.CLOSE};
        return random.nextInt(6) == 0 ? random.nextInt(16) : usual[random.nextInt(usual.length)];
    }

    private static byte[] randomPayload(Random random) {
        int length = switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 120 + random.nextInt(10);
            case 2 -> MAX - 5 + random.nextInt(10);
            default -> random.nextInt(40);
        };
        byte[] p = new byte[length];
        if (random.nextBoolean()) {
            random.nextBytes(p);
        } else {
            byte[] text = randomText(random, length).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(text, 0, p, 0, Math.min(length, text.length));
        }
        return p;
    }

    /** One message, fragmented at random, with control frames at random between its fragments. */
    private static void writeMessage(ClientFrameWriter client, Random random, ByteArrayOutputStream out, List<Event> sent) {
        boolean text = random.nextInt(4) != 0;
        byte[] message;
        if (text) {
            message = randomText(random, random.nextInt(4) == 0 ? 200 : 30).getBytes(StandardCharsets.UTF_8);
        } else {
            message = new byte[random.nextInt(100)];
            random.nextBytes(message);
        }
        int p = 0;
        boolean first = true;
        do {
            int n = random.nextInt(3) == 0 ? message.length - p : random.nextInt(message.length - p + 1);
            boolean fin = p + n == message.length;
            int opcode = first ? (text ? Opcode.TEXT : Opcode.BINARY) : Opcode.CONTINUATION;
            out.writeBytes(client.frame(fin, opcode, java.util.Arrays.copyOfRange(message, p, p + n)));
            p += n;
            first = false;
            if (!fin && random.nextInt(4) == 0) {
                byte[] ping = new byte[random.nextInt(126)];
                random.nextBytes(ping);
                boolean isPing = random.nextBoolean();
                out.writeBytes(client.frame(true, isPing ? Opcode.PING : Opcode.PONG, ping));
                sent.add(isPing ? Event.ping(ping) : Event.pong(ping));
            }
            if (fin) {
                break;
            }
        } while (true);
        sent.add(new Event(text ? "text" : "binary", message, 0));
    }

    /** Text mixing one- to four-byte characters, at most {@code maxChars} code points. */
    private static String randomText(Random random, int maxChars) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(maxChars + 1);
        for (int i = 0; i < n; i++) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5F);
                case 1 -> 0x80 + random.nextInt(0x780);
                case 2 -> 0xE000 + random.nextInt(0x1FFF);
                default -> 0x10000 + random.nextInt(0x100000);
            };
            s.appendCodePoint(cp);
        }
        return s.toString();
    }
}
