package io.sockudo.testkit.ws;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A deliberately minimal RFC 6455 client on a plain TCP socket. It writes whatever bytes a test
 * asks for (unmasked, fragmented, oversized, invalid UTF-8, reserved bits, garbage, or a frame
 * glued to the upgrade request), and reads the server's frames and close code as they arrive,
 * without the politeness of a real client library getting in the way.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int CONTINUATION = Opcode.CONTINUATION;
    public static final int TEXT = Opcode.TEXT;
    public static final int BINARY = Opcode.BINARY;
    public static final int CLOSE = Opcode.CLOSE;
    public static final int PING = Opcode.PING;
    public static final int PONG = Opcode.PONG;

    /** Larger server frames fail the test: no test expects one. */
    private static final int MAX_FRAME = 16 * 1024 * 1024;

    /** What {@link #awaitClose} returns when the TCP connection ended without a close frame. */
    public static final int NO_CLOSE_FRAME = -1;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int status;
    private final String responseHead;
    private final ServerFrameReader reader = new ServerFrameReader(MAX_FRAME);
    private String socketId;

    /** A frame from the server. {@code payload} is unmasked. */
    public record Frame(boolean fin, int opcode, byte[] payload) {

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame, or 1005 when it carries none. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        @Override
        public String toString() {
            return "Frame[opcode=" + opcode + ", fin=" + fin + ", " + (opcode == CLOSE ? "code " + closeCode() : text()) + "]";
        }
    }

    /** Opens the Pusher endpoint of an app and reads {@code connection_established}; fails otherwise. */
    public static RawWebSocket established(int port, String appKey) {
        RawWebSocket ws = open(port, pusherPath(appKey));
        String first = ws.nextText(5000);
        if (first == null || !first.startsWith("{\"event\":\"pusher:connection_established\"")) {
            ws.close();
            throw new AssertionError("expected connection_established, got " + first);
        }
        int i = first.indexOf("socket_id\\\":\\\"") + 14;
        ws.socketId = first.substring(i, first.indexOf("\\\"", i));
        return ws;
    }

    /** The socket id from {@code connection_established}, when the socket was opened with {@link #established}. */
    public String socketId() {
        return socketId;
    }

    public static String pusherPath(String appKey) {
        return "/app/" + appKey + "?protocol=7&client=raw-test&version=1.0";
    }

    /** Sends the upgrade request for {@code path} and reads the response head, whatever its status. */
    public static RawWebSocket open(int port, String path) {
        return open(port, path, new byte[0]);
    }

    /**
     * Sends the upgrade request and {@code sameWrite} in one TCP write, so the bytes reach the
     * server before it has answered the handshake, then reads the response head.
     */
    public static RawWebSocket open(int port, String path, byte[] sameWrite) {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setTcpNoDelay(true);
            s.setSoTimeout(5000);
            byte[] request = upgradeRequest(port, path).getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[request.length + sameWrite.length];
            System.arraycopy(request, 0, all, 0, request.length);
            System.arraycopy(sameWrite, 0, all, request.length, sameWrite.length);
            s.getOutputStream().write(all);
            s.getOutputStream().flush();
            InputStream raw = s.getInputStream();
            String head = Handshake.readResponseHead(raw);
            int status = Integer.parseInt(head.substring(9, 12));
            return new RawWebSocket(s, status, head, raw);
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
            throw new AssertionError("WebSocket handshake with port " + port + " failed", e);
        }
    }

    private RawWebSocket(Socket socket, int status, String responseHead, InputStream afterHead) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(afterHead);
        this.out = socket.getOutputStream();
        this.status = status;
        this.responseHead = responseHead;
    }

    public static String upgradeRequest(int port, String path) {
        return Handshake.request("127.0.0.1", port, path, Handshake.randomKey());
    }

    /** The HTTP status of the handshake response (101 when upgraded). */
    public int status() {
        return status;
    }

    public String responseHead() {
        return responseHead;
    }

    // ------------------------------------------------------------------ writing

    /**
     * Encodes one frame. Clients must mask; {@code masked=false} produces the protocol violation.
     */
    public static byte[] frame(boolean fin, int opcode, byte[] payload, boolean masked) {
        return frame(fin, 0, opcode, payload, masked);
    }

    /** Encodes one frame with the given reserved bits (0–7) set. */
    public static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) {
        return ClientFrameWriter.frame(fin, rsv, opcode, payload, 0, payload.length, masked);
    }

    public static byte[] textFrame(String text) {
        return ClientFrameWriter.text(text);
    }

    /** A close frame with a status code and reason. */
    public static byte[] closeFrame(int code, String reason) {
        return ClientFrameWriter.close(code, reason);
    }

    /** Writes raw bytes, in one TCP write. */
    public RawWebSocket write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new AssertionError("write failed", e);
        }
    }

    /** Writes raw bytes; reports whether the server still accepted all of them. */
    public boolean tryWrite(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public RawWebSocket sendText(String text) {
        return write(textFrame(text));
    }

    public RawWebSocket sendFrame(boolean fin, int opcode, byte[] payload) {
        return write(frame(fin, opcode, payload, true));
    }

    // ------------------------------------------------------------------ reading

    /**
     * The next frame, or null when none starts within the time. A connection that ends instead
     * fails the test; use {@link #awaitClose} where that is expected.
     */
    public Frame read(long millis) {
        try {
            return readFrame(millis);
        } catch (IOException e) {
            throw new AssertionError("reading a frame failed", e);
        }
    }

    private Frame readFrame(long millis) throws IOException {
        socket.setSoTimeout((int) Math.max(1, millis));
        int b0;
        try {
            b0 = in.read();
        } catch (SocketTimeoutException e) {
            return null;
        }
        if (b0 < 0) {
            throw new EOFException("the server closed the TCP connection");
        }
        socket.setSoTimeout(5000);
        try {
            reader.readHeader(b0, in);
        } catch (ProtocolException e) {
            throw new AssertionError("the server sent " + e.getMessage());
        }
        byte[] payload = in.readNBytes(reader.payloadLength());
        if (payload.length != reader.payloadLength()) {
            throw new EOFException("connection closed inside a frame");
        }
        return new Frame(reader.fin(), reader.opcode(), payload);
    }

    /** The next text message's content, or null when none arrives in time; control frames are skipped. */
    public String nextText(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            Frame f = read(left);
            if (f == null) {
                return null;
            }
            if (f.opcode() == TEXT) {
                return f.text();
            }
            if (f.opcode() == CLOSE) {
                throw new AssertionError("expected a text frame, the server closed with " + f.closeCode());
            }
        }
    }

    /** Skips text frames until one starts with the prefix; fails after 5 s. */
    public String nextTextStartingWith(String prefix) {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            String t = nextText(Math.max(1, deadline - System.currentTimeMillis()));
            if (t != null && t.startsWith(prefix)) {
                return t;
            }
        }
        throw new AssertionError("no text frame starting with " + prefix);
    }

    /**
     * Reads until the server's close frame and returns its code (1005 when it has none), skipping
     * every other frame; {@link #NO_CLOSE_FRAME} when the TCP connection ended without one. Fails
     * when neither happens in time.
     */
    public int awaitClose(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("the server did not close within " + millis + " ms");
            }
            Frame f;
            try {
                f = readFrame(left);
            } catch (IOException e) {
                return NO_CLOSE_FRAME;
            }
            if (f == null) {
                throw new AssertionError("the server did not close within " + millis + " ms");
            }
            if (f.opcode() == CLOSE) {
                return f.closeCode();
            }
        }
    }

    /** Whether the server has ended the TCP connection (reads EOF) within the time. */
    public boolean tcpClosedWithin(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        try {
            while (System.currentTimeMillis() < deadline) {
                socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
                if (in.read() < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Drops the TCP connection without a close frame, as a crashed client or a lost network does. */
    public void abort() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
