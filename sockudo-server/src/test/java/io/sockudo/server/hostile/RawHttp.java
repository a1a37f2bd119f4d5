package io.sockudo.server.hostile;

import io.sockudo.protocol.ApiSignature;
import io.sockudo.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte by byte on a plain socket: declared lengths that are lies, chunked
 * bodies, bodies that stop halfway, and the answer read exactly as it comes, including whether
 * the server then closed or reset the connection.
 */
final class RawHttp implements AutoCloseable {

    /** A response: status, head and body; {@code status} -1 when the connection ended without one. */
    record Reply(int status, String head, String body, String ending) {

        boolean hasHeader(String name, String value) {
            return head.toLowerCase(Locale.ROOT).contains("\r\n" + name.toLowerCase(Locale.ROOT) + ": " + value.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return status == -1 ? "no answer (" + ending + ")" : status + " " + body;
        }
    }

    private final Socket socket;
    private final InputStream in;

    RawHttp(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
    }

    /** {@code path?query} for the test app, signed for this method and body as an SDK would. */
    static String signed(String method, String path, byte[] body) {
        return path + "?" + ApiSignature.signedQuery(method, path, Map.of(), body, TestServer.KEY, TestServer.SECRET,
                System.currentTimeMillis() / 1000);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A request head with the given extra header lines (each ending in CRLF). */
    static String head(String method, String target, String headers) {
        return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n";
    }

    /** Writes; false when the server has already closed or reset the connection. */
    boolean write(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Half-closes: the server reads the end of the stream after every byte written before. */
    void endWriting() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads one response (head and Content-Length body) within the time given. */
    Reply read(int millis) throws IOException {
        return read(millis, true);
    }

    /** Reads one response; the answer to a HEAD request has no body, whatever its Content-Length says. */
    Reply read(int millis, boolean withBody) throws IOException {
        socket.setSoTimeout(millis);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return new Reply(-1, head.toString(StandardCharsets.ISO_8859_1), "", "closed");
                }
                head.write(b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
            }
            String h = head.toString(StandardCharsets.ISO_8859_1);
            int length = withBody ? contentLength(h) : 0;
            byte[] body = in.readNBytes(length);
            return new Reply(Integer.parseInt(h.substring(9, 12)), h, new String(body, StandardCharsets.UTF_8), "answered");
        } catch (SocketTimeoutException e) {
            return new Reply(-1, head.toString(StandardCharsets.ISO_8859_1), "", "timeout");
        } catch (IOException e) {
            return new Reply(-1, head.toString(StandardCharsets.ISO_8859_1), "", "reset");
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }

    /** Whether the server closes the connection within the time given (a reset counts); false if it stays open. */
    boolean closedWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        byte[] sink = new byte[8192];
        try {
            while (in.read(sink) >= 0) {
                // anything after the answer is not expected, but does not matter here
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket the server already dropped
        }
    }
}
