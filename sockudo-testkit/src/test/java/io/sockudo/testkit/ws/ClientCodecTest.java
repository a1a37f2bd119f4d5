package io.sockudo.testkit.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The client codec against itself: frames written unmasked are what a server sends. */
class ClientCodecTest {

    private final ServerFrameReader reader = new ServerFrameReader(1 << 20);

    @Test
    void clientFramesAreMaskedAndUnmaskToThePayload() {
        for (int len : new int[] {0, 5, 125, 126, 300, 65535, 65536, 70000}) {
            byte[] payload = payload(len);
            byte[] frame = ClientFrameWriter.frame(Opcode.BINARY, payload, 0, len);
            assertThat(frame[0] & 0xFF).isEqualTo(0x82);
            assertThat(frame[1] & 0x80).as("mask bit").isEqualTo(0x80);
            int header = ServerFrameReader.headerLength(frame[1] & 0xFF);
            assertThat(frame).hasSize(header + 4 + len);
            byte[] unmasked = new byte[len];
            for (int i = 0; i < len; i++) {
                unmasked[i] = (byte) (frame[header + 4 + i] ^ frame[header + (i & 3)]);
            }
            assertThat(unmasked).isEqualTo(payload);
        }
    }

    @Test
    void theReaderFindsEveryFrameOfABufferAndWhereTheLastOneIsCut() {
        byte[] a = unmasked(true, Opcode.TEXT, payload(10));
        byte[] b = unmasked(false, Opcode.CONTINUATION, payload(300));
        byte[] c = unmasked(true, Opcode.PING, payload(70000));
        byte[] all = concat(a, b, c);
        int p = reader.frame(all, 0, all.length);
        assertThat(p).isEqualTo(a.length);
        assertThat(reader.fin()).isTrue();
        assertThat(reader.opcode()).isEqualTo(Opcode.TEXT);
        assertThat(reader.payloadLength()).isEqualTo(10);
        p = reader.frame(all, p, all.length);
        assertThat(reader.fin()).isFalse();
        assertThat(reader.headerLength()).isEqualTo(4);
        assertThat(reader.payloadLength()).isEqualTo(300);
        assertThat(reader.frame(all, p, all.length - 1)).isEqualTo(ServerFrameReader.INCOMPLETE);
        assertThat(reader.frame(all, p, p + 5)).as("a cut header").isEqualTo(ServerFrameReader.INCOMPLETE);
        assertThat(reader.frame(all, p, all.length)).isEqualTo(all.length);
        assertThat(reader.headerLength()).isEqualTo(10);
        assertThat(reader.opcode()).isEqualTo(Opcode.PING);
    }

    @Test
    void maskedAndOverlongServerFramesAreRefused() {
        byte[] masked = ClientFrameWriter.text("hi");
        assertThat(reader.frame(masked, 0, masked.length)).isEqualTo(ServerFrameReader.MASKED);
        byte[] big = unmasked(true, Opcode.BINARY, payload(100));
        assertThat(new ServerFrameReader(99).frame(big, 0, big.length)).isEqualTo(ServerFrameReader.TOO_LONG);
        byte[] topBit = {(byte) 0x82, 127, (byte) 0x80, 0, 0, 0, 0, 0, 0, 1};
        assertThat(reader.header(topBit, 0, topBit.length)).isEqualTo(ServerFrameReader.TOO_LONG);
    }

    @Test
    void headersReadFromAStreamLeaveThePayloadNext() throws Exception {
        byte[] frame = unmasked(true, Opcode.TEXT, payload(300));
        InputStream in = new ByteArrayInputStream(frame);
        reader.readHeader(in.read(), in);
        assertThat(reader.payloadLength()).isEqualTo(300);
        assertThat(in.readAllBytes()).isEqualTo(payload(300));

        InputStream cut = new ByteArrayInputStream(Arrays.copyOf(frame, 3));
        assertThatThrownBy(() -> reader.readHeader(cut.read(), cut)).isInstanceOf(EOFException.class);
        byte[] masked = ClientFrameWriter.text("hi");
        InputStream m = new ByteArrayInputStream(masked);
        assertThatThrownBy(() -> reader.readHeader(m.read(), m)).isInstanceOf(ProtocolException.class).hasMessage("a masked server frame");
    }

    @Test
    void theAcceptKeyIsRfc6455s() {
        assertThat(Handshake.accept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(Handshake.request("127.0.0.1", 7001, "/app/k", "key")).startsWith("GET /app/k HTTP/1.1\r\nHost: 127.0.0.1:7001\r\n")
                .endsWith("\r\n\r\n");
    }

    private static byte[] unmasked(boolean fin, int opcode, byte[] payload) {
        return ClientFrameWriter.frame(fin, 0, opcode, payload, 0, payload.length, false);
    }

    private static byte[] payload(int len) {
        byte[] p = new byte[len];
        for (int i = 0; i < len; i++) {
            p[i] = (byte) (i * 31 + 7);
        }
        return p;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
