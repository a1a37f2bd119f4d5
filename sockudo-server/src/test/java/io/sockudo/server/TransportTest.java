package io.sockudo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.Poll;
import io.sockudo.transport.websocket.WebSocketOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The socket layer: timeouts, slow readers, handshake edge cases. */
class TransportTest {

    /** Opens a WebSocket by hand and subscribes, then never reads again. */
    private static Socket stalledSubscriber(int port, String channel) throws Exception {
        Socket s = new Socket("127.0.0.1", port);
        s.setReceiveBufferSize(4096);
        OutputStream out = s.getOutputStream();
        out.write(("GET /app/" + TestServer.KEY + "?protocol=7 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(maskedText("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\"}}"));
        out.flush();
        return s;
    }

    static byte[] maskedText(String text) {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        int header = p.length < 126 ? 2 : 4;
        byte[] f = new byte[header + 4 + p.length];
        f[0] = (byte) 0x81;
        if (p.length < 126) {
            f[1] = (byte) (0x80 | p.length);
        } else {
            f[1] = (byte) (0x80 | 126);
            f[2] = (byte) (p.length >>> 8);
            f[3] = (byte) p.length;
        }
        System.arraycopy(mask, 0, f, header, 4);
        for (int i = 0; i < p.length; i++) {
            f[header + 4 + i] = (byte) (p[i] ^ mask[i & 3]);
        }
        return f;
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedWhileOthersGetEverything() throws Exception {
        WebSocketOptions small = new WebSocketOptions(64 * 1024, 50, 64 * 1024, true, 500);
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().maxEventPayloadInKb(100).build()).webSocket(small));
             WsClient reader = WsClient.established(server.port(), TestServer.KEY);
             Socket stalled = stalledSubscriber(server.port(), "firehose")) {
            reader.subscribe("firehose").next();
            assertThat(stalled.isConnected()).isTrue();
            HttpApiClient api = HttpApiClient.of(server);
            // enough to fill the kernel's socket buffers (up to 4 MiB here) and then the server's queue
            String data = "x".repeat(50_000);
            int n = 200;
            for (int i = 0; i < n; i++) {
                api.publishOk("firehose", "e", data);
            }
            for (int i = 0; i < n; i++) {
                assertThat(reader.next()).endsWith("\"data\":\"" + data + "\"}");
            }
            Poll.until("the stalled client was let go", () -> server.connections().connectionCount() == 1);
        }
    }

    @Test
    void httpIdleTimeoutsDoNotTouchWebSockets() throws Exception {
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().build()).httpTimeouts(300, 300));
             WsClient ws = WsClient.established(server.port(), TestServer.KEY);
             Socket silent = new Socket("127.0.0.1", server.port())) {
            silent.setSoTimeout(3000);
            InputStream in = silent.getInputStream();
            long t0 = System.currentTimeMillis();
            assertThat(in.read()).as("a connection that never sends a request is closed").isEqualTo(-1);
            assertThat(System.currentTimeMillis() - t0).isLessThan(2900);
            Thread.sleep(800);
            ws.send("{\"event\":\"pusher:ping\",\"data\":{}}");
            assertThat(ws.next()).isEqualTo("{\"event\":\"pusher:pong\",\"data\":{}}");
        }
    }

    @Test
    void framesSentInTheSameWriteAsTheUpgradeRequestAreHandledAfterTheHandshake() throws Exception {
        try (SockudoServer server = TestServer.start(); Socket s = stalledSubscriber(server.port(), "early")) {
            s.setSoTimeout(3000);
            InputStream in = s.getInputStream();
            String all = readUntil(in, "subscription_succeeded");
            assertThat(all).startsWith("HTTP/1.1 101").contains("pusher:connection_established");
            assertThat(all.indexOf("connection_established")).isLessThan(all.indexOf("subscription_succeeded"));
        }
    }

    private static String readUntil(InputStream in, String marker) throws Exception {
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[4096];
        while (!sb.toString().contains(marker)) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            sb.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        }
        return sb.toString();
    }
}
