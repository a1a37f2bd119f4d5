package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.ClientFrames;
import io.sockudo.testkit.Poll;
import io.sockudo.testkit.ws.RawWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bytes no well-behaved client sends. Each gets its documented answer, and a well-behaved
 * bystander connected at the same time keeps receiving events throughout (checklist C, 14).
 */
class HostileInputTest {

    private static SockudoServer server;
    private static HttpApiClient api;

    private WsClient bystander;
    private int published;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = HttpApiClient.of(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void connectBystander() {
        bystander = WsClient.established(server.port(), TestServer.KEY);
        Join.publicChannel(bystander, "bystander");
    }

    /** After every hostile act the bystander still hears what is published. */
    @AfterEach
    void bystanderIsStillServed() {
        try {
            assertBystanderServed();
        } finally {
            bystander.close();
        }
    }

    private void assertBystanderServed() {
        String data = "{\"n\":" + (++published) + "}";
        api.publishOk("bystander", "still-here", data);
        assertThat(bystander.next()).isEqualTo(Expected.event("still-here", "bystander", data));
    }

    private static RawWebSocket raw() {
        return RawWebSocket.established(server.port(), TestServer.KEY);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anUnmaskedClientFrameIsClosedWith1002() {
        try (RawWebSocket ws = raw()) {
            ws.write(RawWebSocket.frame(true, RawWebSocket.TEXT, utf8(ClientFrames.ping()), false));
            assertThat(ws.awaitClose(3000)).isEqualTo(1002);
        }
    }

    @Test
    void textThatIsNotUtf8IsClosedWith1007() {
        try (RawWebSocket ws = raw()) {
            ws.sendFrame(true, RawWebSocket.TEXT, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            assertThat(ws.awaitClose(3000)).isEqualTo(1007);
        }
    }

    @Test
    void textWithAnEncodedSurrogateIsClosedWith1007() {
        try (RawWebSocket ws = raw()) {
            ws.sendFrame(true, RawWebSocket.TEXT, new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'});
            assertThat(ws.awaitClose(3000)).isEqualTo(1007);
        }
    }

    @Test
    void aFrameOverTheMaximumPayloadIsClosedWith1009() throws Exception {
        try (RawWebSocket ws = raw()) {
            byte[] big = RawWebSocket.frame(true, RawWebSocket.TEXT, new byte[64 * 1024 + 1], true);
            // the server may stop reading as soon as it has seen the length
            Thread writer = new Thread(() -> ws.tryWrite(big));
            writer.start();
            assertThat(ws.awaitClose(3000)).isEqualTo(1009);
            writer.join(3000);
        }
    }

    @Test
    void aFragmentedMessageOverTheMaximumPayloadIsClosedWith1009() {
        try (RawWebSocket ws = raw()) {
            byte[] part = new byte[40 * 1024];
            java.util.Arrays.fill(part, (byte) 'x');
            ws.sendFrame(false, RawWebSocket.TEXT, part);
            ws.tryWrite(RawWebSocket.frame(true, RawWebSocket.CONTINUATION, part, true));
            assertThat(ws.awaitClose(3000)).isEqualTo(1009);
        }
    }

    @Test
    void aFragmentedMessageIsReassembledAndControlFramesMayComeBetweenItsFragments() {
        try (RawWebSocket ws = raw()) {
            byte[] subscribe = utf8(ClientFrames.subscribe("fragmented"));
            int third = subscribe.length / 3;
            ws.sendFrame(false, RawWebSocket.TEXT, java.util.Arrays.copyOfRange(subscribe, 0, third));
            ws.sendFrame(false, RawWebSocket.CONTINUATION, java.util.Arrays.copyOfRange(subscribe, third, 2 * third));
            ws.sendFrame(true, RawWebSocket.PING, utf8("mid"));
            ws.sendFrame(true, RawWebSocket.CONTINUATION, java.util.Arrays.copyOfRange(subscribe, 2 * third, subscribe.length));
            RawWebSocket.Frame pong = ws.read(3000);
            assertThat(pong).isNotNull();
            assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
            assertThat(pong.text()).isEqualTo("mid");
            assertThat(ws.nextText(3000)).isEqualTo(Expected.succeeded("fragmented"));
        }
    }

    @Test
    void aBinaryFrameGets4000AndTheConnectionStaysOpen() {
        try (RawWebSocket ws = raw()) {
            ws.sendFrame(true, RawWebSocket.BINARY, utf8(ClientFrames.ping()));
            Expected.error(ws.nextText(3000), 4000);
            ws.sendText(ClientFrames.ping());
            assertThat(ws.nextText(3000)).isEqualTo(Expected.PONG);
        }
    }

    @Test
    void garbageBytesAfterTheHandshakeAreClosedWith1002() {
        try (RawWebSocket ws = raw()) {
            byte[] ones = new byte[16];
            java.util.Arrays.fill(ones, (byte) 0xFF);
            ws.tryWrite(ones);
            assertThat(ws.awaitClose(3000)).isEqualTo(1002);
        }
        try (RawWebSocket ws = raw()) {
            ws.tryWrite(utf8("GET / HTTP/1.1\r\nHost: confused\r\n\r\n"));
            assertThat(ws.awaitClose(3000)).isEqualTo(1002);
        }
    }

    @Test
    void reservedBitsWithoutAnExtensionAreClosedWith1002() {
        try (RawWebSocket ws = raw()) {
            ws.write(RawWebSocket.frame(true, 4, RawWebSocket.TEXT, utf8(ClientFrames.ping()), true));
            assertThat(ws.awaitClose(3000)).isEqualTo(1002);
        }
    }

    @Test
    void anUnknownOpcodeIsClosedWith1002() {
        try (RawWebSocket ws = raw()) {
            ws.sendFrame(true, 0x3, utf8("?"));
            assertThat(ws.awaitClose(3000)).isEqualTo(1002);
        }
        try (RawWebSocket ws = raw()) {
            ws.sendFrame(true, 0xB, utf8("?"));
            assertThat(ws.awaitClose(3000)).isEqualTo(1002);
        }
    }

    @Test
    void aControlFrameOver125BytesOrFragmentedIsClosedWith1002() {
        try (RawWebSocket ws = raw()) {
            ws.sendFrame(true, RawWebSocket.PING, new byte[126]);
            assertThat(ws.awaitClose(3000)).isEqualTo(1002);
        }
        try (RawWebSocket ws = raw()) {
            ws.sendFrame(false, RawWebSocket.PING, utf8("half"));
            assertThat(ws.awaitClose(3000)).isEqualTo(1002);
        }
    }

    @Test
    void aContinuationWithoutAMessageOrANewMessageInsideOneIsClosedWith1002() {
        try (RawWebSocket ws = raw()) {
            ws.sendFrame(true, RawWebSocket.CONTINUATION, utf8("orphan"));
            assertThat(ws.awaitClose(3000)).isEqualTo(1002);
        }
        try (RawWebSocket ws = raw()) {
            ws.sendFrame(false, RawWebSocket.TEXT, utf8("{\"event\":"));
            ws.sendFrame(true, RawWebSocket.TEXT, utf8(ClientFrames.ping()));
            assertThat(ws.awaitClose(3000)).isEqualTo(1002);
        }
    }

    @Test
    void aCloseFrameIsAnsweredWithTheSameCodeAndTheConnectionEnds() {
        try (RawWebSocket ws = raw()) {
            ws.write(RawWebSocket.closeFrame(1000, "bye"));
            assertThat(ws.awaitClose(3000)).isEqualTo(1000);
            assertThat(ws.tcpClosedWithin(3000)).isTrue();
        }
    }

    @Test
    void aCloseFrameWithAReservedCodeIsAnsweredWith1002() {
        try (RawWebSocket ws = raw()) {
            ws.write(RawWebSocket.closeFrame(1005, ""));
            assertThat(ws.awaitClose(3000)).isEqualTo(1002);
        }
    }

    @Test
    void aFrameSentInTheSameWriteAsTheUpgradeRequestIsHandledAfterTheHandshake() {
        byte[] early = RawWebSocket.textFrame(ClientFrames.subscribe("early-bird"));
        try (RawWebSocket ws = RawWebSocket.open(server.port(), RawWebSocket.pusherPath(TestServer.KEY), early)) {
            assertThat(ws.status()).isEqualTo(101);
            assertThat(ws.nextText(3000)).startsWith("{\"event\":\"pusher:connection_established\"");
            assertThat(ws.nextText(3000)).isEqualTo(Expected.succeeded("early-bird"));
        }
    }

    @Test
    void aConnectionDroppedInsideAFrameIsCleanedUp() {
        RawWebSocket ws = raw();
        ws.sendText(ClientFrames.subscribe("half-frame"));
        assertThat(ws.nextText(3000)).isEqualTo(Expected.succeeded("half-frame"));
        byte[] frame = RawWebSocket.textFrame(ClientFrames.ping());
        ws.write(java.util.Arrays.copyOf(frame, frame.length / 2));
        ws.abort();
        awaitChannels("{\"channels\":{\"bystander\":{}}}");
    }

    @Test
    void garbageInsteadOfAnHttpRequestIsAnsweredWith400OrClosed() throws Exception {
        List<byte[]> garbage = List.of(
                utf8("GARBAGE /// HTTP/9.9\r\n\r\n"),
                new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xA5, 0x01, 0x00, 0x00, (byte) 0xA1, 0x03, 0x03, '\r', '\n', '\r', '\n'},
                utf8("\r\n\r\n\r\n\r\n"),
                utf8("GET /app/" + TestServer.KEY + " HTTP/1.1\r\nHost: \u0001\u0002\r\nContent-Length: -5\r\n\r\n"));
        for (byte[] bytes : garbage) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(5000);
                s.getOutputStream().write(bytes);
                s.getOutputStream().flush();
                String answer = readAll(s.getInputStream());
                assertThat(answer).as("answer to %s", new String(bytes, StandardCharsets.ISO_8859_1))
                        .satisfiesAnyOf(a -> assertThat(a).isEmpty(), a -> assertThat(a).startsWith("HTTP/1.1 400"));
            }
        }
    }

    /** Reads until the server closes; a reset counts as closed. Fails if the server neither answers nor closes. */
    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                if (out.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                    break;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("the server neither answered nor closed within 5 s; got: " + out, e);
        } catch (IOException e) {
            // reset: closed
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void tenSimultaneousConnectionsAreAllServed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<WsClient> clients = new ArrayList<>();
        try {
            List<Callable<WsClient>> connects = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                connects.add(() -> {
                    WsClient c = WsClient.established(server.port(), TestServer.KEY);
                    Join.publicChannel(c, "crowd");
                    return c;
                });
            }
            for (Future<WsClient> f : pool.invokeAll(connects, 10, TimeUnit.SECONDS)) {
                clients.add(f.get());
            }
            Set<String> ids = new HashSet<>();
            clients.forEach(c -> ids.add(c.socketId()));
            assertThat(ids).hasSize(10);
            assertThat(api.get("/channels/crowd").body()).isEqualTo("{\"occupied\":true,\"subscription_count\":10}");
            api.publishOk("crowd", "to-all", "{}");
            for (WsClient c : clients) {
                assertThat(c.next()).isEqualTo(Expected.event("to-all", "crowd", "{}"));
            }
        } finally {
            pool.shutdownNow();
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void rapidConnectAndDisconnectCyclesLeaveNoChannelBehind() {
        for (int i = 0; i < 200; i++) {
            RawWebSocket ws = raw();
            ws.sendText(ClientFrames.subscribe("cycle-" + (i % 5)));
            if (i % 4 == 0) {
                // gone before the subscription is even confirmed
                ws.abort();
                continue;
            }
            assertThat(ws.nextText(3000)).isEqualTo(Expected.succeeded("cycle-" + (i % 5)));
            if (i % 2 == 0) {
                ws.abort();
            } else {
                ws.write(RawWebSocket.closeFrame(1000, ""));
                ws.awaitClose(3000);
                ws.close();
            }
        }
        awaitChannels("{\"channels\":{\"bystander\":{}}}");
    }

    /** Polls GET /channels until it answers the expected body; dropped TCP connections take a moment to notice. */
    private static void awaitChannels(String expected) {
        Poll.until("GET /channels answers " + expected, Duration.ofSeconds(3), () -> api.get("/channels").body(), expected::equals);
    }
}
