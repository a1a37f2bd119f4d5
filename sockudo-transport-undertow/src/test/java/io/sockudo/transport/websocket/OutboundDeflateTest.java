package io.sockudo.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.connection.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** RFC 7692 §7.2.1 on the sending side: what each socket gets, and how often the compressor runs. */
class OutboundDeflateTest {

    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    private final DeflateEncoder encoder = new DeflateEncoder();

    private static DeflateNegotiation.Agreement agreement(Compression c, String offer) {
        return DeflateNegotiation.negotiate(List.of(offer), c).orElseThrow();
    }

    private static Frame frame(String text) {
        return WebSocketWireFormat.INSTANCE.frame(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String tick(int i) {
        return "{\"event\":\"price\",\"channel\":\"ticker\",\"data\":\"{\\\"sym\\\":\\\"BTC\\\",\\\"name\\\":\\\"Bitcoin / US Dollar\\\","
                + "\\\"price\\\":" + (30000 + i) + ",\\\"exchange\\\":\\\"example\\\",\\\"status\\\":\\\"open\\\"}\"}";
    }

    private static boolean compressed(Frame f) {
        return (f.wire()[0] & 0x40) != 0;
    }

    /** The inflater of a client that keeps its context (or a fresh one per message). */
    private static String inflate(Inflater inflater, Frame f) throws DataFormatException {
        inflater.setInput(ClientFrameWriter.concat(Arrays.copyOfRange(f.wire(), f.payloadOffset(), f.size()), TAIL));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = inflater.inflate(buf)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutContextTakeoverABroadcastIsCompressedOnceForEveryRecipient() throws Exception {
        List<OutboundDeflate> sockets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sockets.add(new OutboundDeflate(agreement(Compression.SHARED, "permessage-deflate; client_max_window_bits")));
        }
        Frame message = frame(tick(1));

        List<Frame> sent = new ArrayList<>();
        for (OutboundDeflate s : sockets) {
            sent.add(s.encode(message, encoder));
        }

        assertThat(encoder.compressions()).isEqualTo(1);
        assertThat(sent).allMatch(f -> f == sent.get(0));
        assertThat(compressed(sent.get(0))).isTrue();
        assertThat(sent.get(0).size()).isLessThan(message.size());
        assertThat(inflate(new Inflater(true), sent.get(0))).isEqualTo(tick(1));
    }

    @Test
    void aMessageThatDoesNotShrinkGoesUncompressed() {
        OutboundDeflate s = new OutboundDeflate(agreement(Compression.SHARED, "permessage-deflate"));
        Frame tiny = frame("{}");
        assertThat(s.encode(tiny, encoder)).isSameAs(tiny);
    }

    @Test
    void controlFramesAreNeverCompressed() {
        OutboundDeflate s = new OutboundDeflate(agreement(Compression.SHARED, "permessage-deflate"));
        byte[] payload = "ping ping ping ping ping ping ping ping ping ping ping".getBytes(StandardCharsets.US_ASCII);
        Frame pong = WebSocketWireFormat.raw(WebSocketWireFormat.control(Opcode.PONG, payload, 0, payload.length));
        assertThat(s.encode(pong, encoder)).isSameAs(pong);
        assertThat(encoder.compressions()).isZero();
    }

    @Test
    void withContextTakeoverEachSocketCompressesAgainstWhatItsClientHolds() throws Exception {
        OutboundDeflate s = new OutboundDeflate(agreement(Compression.dedicated(32768), "permessage-deflate"));
        OutboundDeflate alone = new OutboundDeflate(agreement(Compression.SHARED, "permessage-deflate"));
        Inflater client = new Inflater(true);
        long withContext = 0;
        long without = 0;
        for (int i = 0; i < 50; i++) {
            Frame plain = frame(tick(i));
            Frame out = s.encode(plain, encoder);
            assertThat(compressed(out)).isTrue();
            assertThat(inflate(client, out)).isEqualTo(tick(i));
            withContext += out.size();
            without += alone.encode(plain, encoder).size();
        }
        assertThat(withContext).isLessThan(without);
    }

    @Test
    void uncompressedMessagesDoNotEnterTheContext() throws Exception {
        OutboundDeflate s = new OutboundDeflate(agreement(Compression.dedicated(1024), "permessage-deflate"));
        Inflater client = new Inflater(true);
        Random random = new Random(1);
        for (int i = 0; i < 40; i++) {
            String text;
            if (i % 3 == 0) {
                byte[] noise = new byte[60];
                random.nextBytes(noise);
                text = java.util.Base64.getEncoder().encodeToString(noise).substring(0, 20);
            } else {
                text = tick(i);
            }
            Frame out = s.encode(frame(text), encoder);
            String got = compressed(out) ? inflate(client, out) : new String(Arrays.copyOfRange(out.wire(), out.payloadOffset(), out.size()), StandardCharsets.UTF_8);
            assertThat(got).isEqualTo(text);
        }
    }

    /**
     * server_max_window_bits=8: no back-reference may reach more than 256 bytes back. Each frame is
     * inflated with only the last (256 - its length) bytes of earlier output as history; a reference
     * further back would fail as "too far back".
     */
    @Test
    void aSmallClientWindowIsNeverReachedPast() throws Exception {
        for (Compression c : List.of(Compression.SHARED, Compression.dedicated(256), Compression.dedicated(32768))) {
            OutboundDeflate s = new OutboundDeflate(agreement(c, "permessage-deflate; server_max_window_bits=8"));
            ByteArrayOutputStream history = new ByteArrayOutputStream();
            for (int i = 0; i < 30; i++) {
                String text = i % 5 == 4 ? tick(i).repeat(3) : tick(i).substring(0, 150);
                Frame out = s.encode(frame(text), encoder);
                if (!compressed(out)) {
                    assertThat(text.length() > 256 || out.payloadLength() == text.length()).isTrue();
                    continue;
                }
                assertThat(text.length()).as(c + ": only messages within the window are compressed").isLessThanOrEqualTo(256);
                byte[] h = history.toByteArray();
                int dict = Math.min(h.length, 256 - text.length());
                Inflater limited = new Inflater(true);
                if (dict > 0) {
                    limited.setDictionary(h, h.length - dict, dict);
                }
                assertThat(inflate(limited, out)).as(c + " message " + i).isEqualTo(text);
                if (c.mode() == Compression.Mode.DEDICATED) {
                    history.write(text.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }
}
