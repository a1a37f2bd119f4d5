package io.sockudo.bench.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection that sends ready-made requests and reads each response to
 * its end: a client that costs next to nothing per request, so the server is what is measured.
 * Responses must carry a {@code Content-Length} (the server's API answers do).
 */
public final class KeepAliveHttp implements AutoCloseable {

    /** A response's status and body. */
    public record Response(int status, byte[] body) {
    }

    private static final int MAX_HEAD = 16 * 1024;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public KeepAliveHttp(int port) throws IOException {
        this(InetAddress.getLoopbackAddress(), port);
    }

    public KeepAliveHttp(InetAddress address, int port) throws IOException {
        socket = new Socket(address, port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 8192);
    }

    /** Sends one request and reads its response. */
    public Response exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        return read(in);
    }

    /** A {@code POST} with a JSON body, as bytes ready to send again and again. */
    public static byte[] post(String pathAndQuery, byte[] body) {
        byte[] head = ("POST " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    /** Reads one response: status line, headers, then exactly {@code Content-Length} bytes of body. */
    public static Response read(InputStream in) throws IOException {
        String head = head(in);
        String[] lines = head.split("\r\n");
        if (lines.length == 0 || !lines[0].startsWith("HTTP/1.") || lines[0].length() < 12) {
            throw new IOException("not an HTTP response: " + (lines.length == 0 ? "" : lines[0]));
        }
        int status;
        try {
            status = Integer.parseInt(lines[0].substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("bad status line: " + lines[0], e);
        }
        int length = -1;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Integer.parseInt(value);
            } else if (name.equals("transfer-encoding") && !value.equalsIgnoreCase("identity")) {
                throw new IOException("chunked responses are not read by this client: " + value);
            }
        }
        if (length < 0) {
            throw new IOException("response without Content-Length: " + lines[0]);
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("connection closed inside a response body");
        }
        return new Response(status, body);
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed before a full response head");
            }
            head.write(b);
            if (head.size() > MAX_HEAD) {
                throw new IOException("response head over " + MAX_HEAD + " bytes");
            }
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
