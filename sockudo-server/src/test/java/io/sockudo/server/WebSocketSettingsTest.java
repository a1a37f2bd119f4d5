package io.sockudo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.testkit.Poll;
import io.sockudo.testkit.Sentinel;
import io.sockudo.testkit.ws.RawWebSocket;
import io.sockudo.transport.websocket.WebSocketOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sockudo's {@code websocket.*} settings over real sockets: {@code max_frame_size},
 * {@code auto_ping}, {@code ping_interval}, {@code idle_timeout}, {@code max_backpressure} and
 * {@code write_buffer_size}.
 */
class WebSocketSettingsTest {

    private static final String PING = "{\"event\":\"pusher:ping\",\"data\":{}}";
    private static final String PONG = "{\"event\":\"pusher:pong\",\"data\":{}}";

    private static SockudoServer start(WebSocketOptions options) {
        return TestServer.start(b -> b.app(TestServer.app().maxEventPayloadInKb(100).build()).webSocket(options));
    }

    private static WebSocketOptions quiet() {
        // no pings unless a test asks for them, so frames seen are the ones under test
        return WebSocketOptions.defaults().withKeepAlive(false, 60_000, 0);
    }

    private static String subscribe(RawWebSocket ws, String channel) {
        ws.sendText("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\"}}");
        return ws.nextTextStartingWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
    }

    // ------------------------------------------------------------------ max_frame_size

    @Test
    void aFrameLargerThanMaxFrameSizeClosesWith1009ThoughTheMessageWouldFit() {
        try (SockudoServer server = start(quiet().withMaxFrameBytes(1024));
             RawWebSocket ws = RawWebSocket.established(server.port(), TestServer.KEY)) {
            String big = "{\"event\":\"pusher:ping\",\"data\":{\"pad\":\"" + "x".repeat(2000) + "\"}}";
            ws.sendText(big);
            assertThat(ws.awaitClose(5000)).isEqualTo(1009);
        }
    }

    @Test
    void aMessageLargerThanMaxFrameSizeIsTakenInSmallerFragments() {
        try (SockudoServer server = start(quiet().withMaxFrameBytes(1024));
             RawWebSocket ws = RawWebSocket.established(server.port(), TestServer.KEY)) {
            byte[] big = ("{\"event\":\"pusher:ping\",\"data\":{\"pad\":\"" + "x".repeat(2000) + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            int third = big.length / 3 + 1;
            for (int off = 0, i = 0; off < big.length; off += third, i++) {
                byte[] part = java.util.Arrays.copyOfRange(big, off, Math.min(big.length, off + third));
                ws.sendFrame(off + third >= big.length, i == 0 ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION, part);
            }
            assertThat(ws.nextText(5000)).isEqualTo(PONG);
        }
    }

    // ------------------------------------------------------------------ auto_ping, ping_interval, idle_timeout

    @Test
    void aSilentSocketIsPingedThenClosedWith4201AfterTheIdleTimeout() {
        try (SockudoServer server = start(quiet().withKeepAlive(true, 500, 2000));
             RawWebSocket ws = RawWebSocket.established(server.port(), TestServer.KEY)) {
            long start = System.nanoTime();
            List<RawWebSocket.Frame> before = framesUntilClose(ws);
            int pings = 0;
            for (RawWebSocket.Frame f : before) {
                if (f.opcode() == RawWebSocket.PING) {
                    pings++;
                }
            }
            assertThat(pings).as("pings before the close").isGreaterThanOrEqualTo(1);
            assertThat(before.get(before.size() - 1).closeCode()).isEqualTo(4201);
            assertThat((System.nanoTime() - start) / 1_000_000).as("not closed before the idle timeout")
                    .isGreaterThanOrEqualTo(1900);
        }
    }

    @Test
    void aSocketThatAnswersPingsOutlivesTheIdleTimeout() {
        try (SockudoServer server = start(quiet().withKeepAlive(true, 300, 1000));
             RawWebSocket ws = RawWebSocket.established(server.port(), TestServer.KEY)) {
            long start = System.nanoTime();
            int pongs = 0;
            // answer pings for well over the idle timeout
            while ((System.nanoTime() - start) / 1_000_000 < 2500) {
                RawWebSocket.Frame f = ws.read(5000);
                assertThat(f).as("a ping within the interval").isNotNull();
                assertThat(f.opcode()).as("only pings while silent: " + f).isEqualTo(RawWebSocket.PING);
                ws.sendFrame(true, RawWebSocket.PONG, f.payload());
                pongs++;
            }
            assertThat(pongs).isGreaterThanOrEqualTo(3);
            ws.sendText(PING);
            assertThat(ws.nextText(5000)).as("still open").isEqualTo(PONG);
        }
    }

    @Test
    void withoutAutoPingASilentSocketGetsNoPingAndIsClosedAfterTheIdleTimeout() {
        try (SockudoServer server = start(quiet().withKeepAlive(false, 200, 1500));
             RawWebSocket ws = RawWebSocket.established(server.port(), TestServer.KEY)) {
            List<RawWebSocket.Frame> before = framesUntilClose(ws);
            assertThat(before).hasSize(1);
            assertThat(before.get(0).closeCode()).isEqualTo(4201);
        }
    }

    @Test
    void withIdleTimeoutZeroASocketThatNeverAnswersPingsStaysOpen() {
        try (SockudoServer server = start(quiet().withKeepAlive(true, 200, 0));
             RawWebSocket ws = RawWebSocket.established(server.port(), TestServer.KEY)) {
            for (int i = 0; i < 5; i++) {
                RawWebSocket.Frame f = ws.read(5000);
                assertThat(f).isNotNull();
                assertThat(f.opcode()).isEqualTo(RawWebSocket.PING);
            }
            ws.sendText(PING);
            assertThat(ws.nextText(5000)).isEqualTo(PONG);
        }
    }

    @Test
    void aSocketThatKeepsTalkingIsNotPinged() {
        try (SockudoServer server = start(quiet().withKeepAlive(true, 400, 0));
             RawWebSocket ws = RawWebSocket.established(server.port(), TestServer.KEY)) {
            subscribe(ws, "chatter");
            HttpApiClient api = HttpApiClient.of(server);
            long start = System.nanoTime();
            List<RawWebSocket.Frame> seen = new ArrayList<>();
            while ((System.nanoTime() - start) / 1_000_000 < 1500) {
                ws.sendText(PING);
                seen.add(ws.read(5000));
            }
            api.publishSentinel("chatter");
            while (true) {
                RawWebSocket.Frame f = ws.read(5000);
                assertThat(f).isNotNull();
                if (f.opcode() == RawWebSocket.TEXT && Sentinel.isSentinel(f.text())) {
                    break;
                }
                seen.add(f);
            }
            assertThat(seen).allSatisfy(f -> assertThat(f.opcode()).isEqualTo(RawWebSocket.TEXT));
        }
    }

    // ------------------------------------------------------------------ max_backpressure, write_buffer_size

    @Test
    void aReaderPastMaxBackpressureIsClosedEvenWhenFullQueuesOnlyDrop() throws Exception {
        WebSocketOptions dropOnly = new WebSocketOptions(64 * 1024, Integer.MAX_VALUE, Long.MAX_VALUE, false, 500)
                .withKeepAlive(false, 60_000, 0);
        try (SockudoServer server = start(dropOnly.withMaxBackpressureBytes(256 * 1024));
             RawWebSocket reader = RawWebSocket.established(server.port(), TestServer.KEY);
             RawWebSocket stalled = RawWebSocket.established(server.port(), TestServer.KEY)) {
            subscribe(reader, "firehose");
            subscribe(stalled, "firehose");
            flood(HttpApiClient.of(server), reader, "firehose", 200);
            Poll.until("the stalled reader was closed", () -> server.connections().connectionCount() == 1);
        }
    }

    @Test
    void belowMaxBackpressureAStalledReaderKeepsEveryFrameInOrderWithAOneByteWriteBuffer() throws Exception {
        WebSocketOptions keep = new WebSocketOptions(64 * 1024, Integer.MAX_VALUE, Long.MAX_VALUE, false, 500)
                .withKeepAlive(false, 60_000, 0).withWriteBufferBytes(1).withMaxBackpressureBytes(64L * 1024 * 1024);
        try (SockudoServer server = start(keep);
             RawWebSocket reader = RawWebSocket.established(server.port(), TestServer.KEY);
             RawWebSocket stalled = RawWebSocket.established(server.port(), TestServer.KEY)) {
            subscribe(reader, "firehose");
            subscribe(stalled, "firehose");
            HttpApiClient api = HttpApiClient.of(server);
            flood(api, reader, "firehose", 200);
            assertThat(server.connections().connectionCount()).isEqualTo(2);
            api.publishSentinel("firehose");
            // now read: every frame queued for the stalled socket arrives whole and in order
            for (int i = 0; i < 200; i++) {
                String t = stalled.nextText(10_000);
                assertThat(t).as("event " + i).contains("\"data\":\"" + i + ":");
            }
            assertThat(Sentinel.isSentinel(stalled.nextText(10_000))).isTrue();
        }
    }

    /** Publishes {@code n} events of 50 KB (10 MB in all, more than the kernel buffers), each read by {@code reader} before the next. */
    private static void flood(HttpApiClient api, RawWebSocket reader, String channel, int n) {
        String pad = "x".repeat(50_000);
        for (int i = 0; i < n; i++) {
            api.publishOk(channel, "e", i + ":" + pad);
            // the reader keeps up, so only the stalled socket's queue grows
            assertThat(reader.nextText(10_000)).contains("\"data\":\"" + i + ":");
        }
    }

    private static List<RawWebSocket.Frame> framesUntilClose(RawWebSocket ws) {
        List<RawWebSocket.Frame> frames = new ArrayList<>();
        while (true) {
            RawWebSocket.Frame f = ws.read(10_000);
            assertThat(f).as("a close frame").isNotNull();
            frames.add(f);
            if (f.opcode() == RawWebSocket.CLOSE) {
                return frames;
            }
        }
    }
}
