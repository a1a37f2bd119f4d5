package io.sockudo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.testing.TestServer;
import io.sockudo.testkit.ws.RawWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the server ends a conversation a client got wrong, over real sockets: as soon as the
 * fault shows, with the close code RFC 6455 gives it, and with a close frame the client can read
 * even while it is still sending (the server half-closes and drains, it does not reset).
 */
class WebSocketClosingTest {

    private static final int MAX_PAYLOAD = 64 * 1024;
    /** Enough pongs to fill a small receive buffer and the server's send buffer behind it. */
    private static final int PINGS = 400;

    private static SockudoServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void badUtf8InTheFirstFragmentIsClosedWith1007BeforeTheFinalFragmentIsSent() {
        try (RawWebSocket ws = RawWebSocket.established(server.port(), TestServer.KEY)) {
            byte[] bad = {'{', '"', (byte) 0xC0, (byte) 0xAF};
            ws.write(RawWebSocket.frame(false, RawWebSocket.TEXT, bad, true));
            assertThat(ws.awaitClose(3000)).isEqualTo(1007);
        }
    }

    @Test
    void aSixtyFourBitLengthWithItsTopBitSetIsClosedWith1002() {
        try (RawWebSocket ws = RawWebSocket.established(server.port(), TestServer.KEY)) {
            byte[] header = {(byte) 0x81, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4};
            ws.write(header);
            assertThat(ws.awaitClose(3000)).isEqualTo(1002);
        }
    }

    /**
     * The client does not read for now (its small receive buffer is full of pongs, so the close
     * frame waits on the server's side) and keeps sending the oversized message. The server must
     * keep reading it: a server that stopped would leave the client blocked in its write and end
     * with the client's bytes unread, which makes the kernel reset the connection and throw the
     * unsent close frame away.
     */
    @Test
    void theMessageTooBigCloseReachesAClientThatKeepsSendingBeforeItReadsAndTheStreamThenEndsCleanly() throws Exception {
        try (Socket socket = upgraded(4096)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            assertThat(nextFrame(in).opcode).isEqualTo(RawWebSocket.TEXT); // connection_established
            ByteArrayOutputStream pings = new ByteArrayOutputStream();
            for (int i = 0; i < PINGS; i++) {
                pings.writeBytes(RawWebSocket.frame(true, RawWebSocket.PING, new byte[125], true));
            }
            out.write(pings.toByteArray());
            int announced = 512 * 1024;
            long sent = CompletableFuture.supplyAsync(() -> keepSending(out, announced)).get(10, TimeUnit.SECONDS);
            assertThat(sent).as("bytes of the oversized message the server took after refusing it").isEqualTo(announced);

            int pongs = 0;
            Frame f = nextFrame(in);
            while (f.opcode == RawWebSocket.PONG) {
                pongs++;
                f = nextFrame(in);
            }
            assertThat(pongs).isEqualTo(PINGS);
            assertThat(f.opcode).isEqualTo(RawWebSocket.CLOSE);
            assertThat(f.code()).isEqualTo(1009);
            assertThat(f.reason()).isEqualTo("Maximum message size exceeded");
            assertThat(in.read()).as("the end of the stream right after the close frame").isEqualTo(-1);
        }
    }

    @Test
    void aProtocolErrorCloseIsAlsoFollowedByAnOrderlyEndOfStream() throws Exception {
        try (Socket socket = upgraded()) {
            InputStream in = socket.getInputStream();
            nextFrame(in);
            socket.getOutputStream().write(RawWebSocket.frame(true, RawWebSocket.TEXT, "unmasked".getBytes(StandardCharsets.US_ASCII), false));
            Frame close = nextFrame(in);
            assertThat(close.code()).isEqualTo(1002);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    // ------------------------------------------------------------------ a client on a plain socket

    /** Announces a text message of {@code announced} bytes and sends its bytes until done or refused; returns bytes sent. */
    private static long keepSending(OutputStream out, int announced) {
        byte[] header = {(byte) 0x81, (byte) 0xFF, 0, 0, 0, 0, 0, (byte) (announced >>> 16), (byte) (announced >>> 8), (byte) announced, 1, 2, 3, 4};
        byte[] chunk = new byte[16 * 1024];
        long sent = 0;
        try {
            out.write(header);
            while (sent < announced) {
                out.write(chunk);
                sent += chunk.length;
            }
        } catch (IOException refused) {
            // the server may end the connection once it has drained enough; the test is about what the client read
        }
        return sent;
    }

    private static Socket upgraded() throws IOException {
        return upgraded(0);
    }

    /** An upgraded socket; {@code receiveBuffer} bytes of receive buffer when not 0. */
    private static Socket upgraded(int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        s.setSoTimeout(5000);
        s.getOutputStream().write(RawWebSocket.upgradeRequest(server.port(), RawWebSocket.pusherPath(TestServer.KEY))
                .getBytes(StandardCharsets.US_ASCII));
        String head = readHead(s.getInputStream());
        assertThat(head).startsWith("HTTP/1.1 101");
        return s;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("no response head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private record Frame(int opcode, byte[] payload) {
        int code() {
            return (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
        }

        String reason() {
            return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    /** A server frame (unmasked, under 64 KiB here); fails on the end of the stream. */
    private static Frame nextFrame(InputStream in) throws IOException {
        int b0 = in.read();
        int b1 = in.read();
        if (b0 < 0 || b1 < 0) {
            throw new EOFException("the stream ended where a frame was expected");
        }
        int len = b1 & 0x7F;
        if (len == 126) {
            len = in.read() << 8 | in.read();
        }
        assertThat(len).isLessThan(MAX_PAYLOAD);
        byte[] payload = in.readNBytes(len);
        assertThat(payload).hasSize(len);
        return new Frame(b0 & 0x0F, payload);
    }
}
