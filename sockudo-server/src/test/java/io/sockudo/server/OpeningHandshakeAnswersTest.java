package io.sockudo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.testing.TestServer;
import io.sockudo.testkit.ws.RawWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 6455 §4.2: a request that is not a valid opening handshake gets an HTTP error saying so,
 * never a 101; sent over a real socket exactly as written here.
 */
class OpeningHandshakeAnswersTest {

    private static final String KEY_LINE = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";

    private static SockudoServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String request(String method, String version, String... headerLines) {
        StringBuilder r = new StringBuilder(method + " " + RawWebSocket.pusherPath(TestServer.KEY) + " " + version + "\r\n");
        r.append("Host: 127.0.0.1:").append(server.port()).append("\r\n");
        for (String line : headerLines) {
            r.append(line);
        }
        return r.append("\r\n").toString();
    }

    private static String[] upgradeHeaders(String... more) {
        String[] base = {"Upgrade: websocket\r\n", "Connection: Upgrade\r\n", "Sec-WebSocket-Version: 13\r\n"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** Sends the request and returns the response head. */
    private static String answer(String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }
    }

    @Test
    void aValidHandshakeIsUpgradedWith101() throws IOException {
        String head = answer(request("GET", "HTTP/1.1", upgradeHeaders(KEY_LINE)));
        assertThat(head).startsWith("HTTP/1.1 101").containsIgnoringCase("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void anHttp10UpgradeRequestGets400Not101() throws IOException {
        assertThat(answer(request("GET", "HTTP/1.0", upgradeHeaders(KEY_LINE)))).startsWith("HTTP/1.0 400");
    }

    @Test
    void twoSecWebSocketKeyHeadersGet400() throws IOException {
        String head = answer(request("GET", "HTTP/1.1", upgradeHeaders(KEY_LINE, "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\n")));
        assertThat(head).startsWith("HTTP/1.1 400");
    }

    @Test
    void aMissingKeyGets400() throws IOException {
        assertThat(answer(request("GET", "HTTP/1.1", upgradeHeaders()))).startsWith("HTTP/1.1 400");
    }

    @Test
    void aKeyThatIsNot16BytesInBase64Gets400() throws IOException {
        assertThat(answer(request("GET", "HTTP/1.1", upgradeHeaders("Sec-WebSocket-Key: c2hvcnQ=\r\n")))).startsWith("HTTP/1.1 400");
        assertThat(answer(request("GET", "HTTP/1.1", upgradeHeaders("Sec-WebSocket-Key: not base64 at all!!!!!!\r\n"))))
                .startsWith("HTTP/1.1 400");
    }

    @Test
    void aVersionOtherThan13Gets426NamingVersion13() throws IOException {
        String head = answer(request("GET", "HTTP/1.1", "Upgrade: websocket\r\n", "Connection: Upgrade\r\n",
                "Sec-WebSocket-Version: 8\r\n", KEY_LINE));
        assertThat(head).startsWith("HTTP/1.1 426").containsIgnoringCase("Sec-WebSocket-Version: 13\r\n");
    }

    @Test
    void aRequestWithoutTheUpgradeHeadersGets400() throws IOException {
        assertThat(answer(request("GET", "HTTP/1.1", "Sec-WebSocket-Version: 13\r\n", KEY_LINE))).startsWith("HTTP/1.1 400");
    }

    @Test
    void aMethodOtherThanGetGets405() throws IOException {
        assertThat(answer(request("POST", "HTTP/1.1", upgradeHeaders(KEY_LINE, "Content-Length: 0\r\n")))).startsWith("HTTP/1.1 405");
    }
}
