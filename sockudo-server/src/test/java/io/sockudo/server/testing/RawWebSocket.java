package io.sockudo.server.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A deliberately minimal RFC 6455 client on a plain TCP socket. It writes whatever bytes a test
 * asks for (unmasked, fragmented, oversized, invalid UTF-8, reserved bits, garbage, or a frame
 * glued to the upgrade request), and reads the server's frames and close code as they arrive,
 * without the politeness of a real client library getting in the way.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** What {@link #awaitClose} returns when the TCP connection ended without a close frame. */
    public static final int NO_CLOSE_FRAME = -1;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int status;
    private final String responseHead;
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
            String head = readHead(raw);
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
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return "GET " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n";
    }

    /**
     * Reads the HTTP response head byte by byte, so that no byte of the first WebSocket frame is
     * consumed with it.
     */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake after: " + head);
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
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
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write((fin ? 0x80 : 0) | (rsv & 7) << 4 | (opcode & 0x0F));
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            f.write(maskBit | payload.length);
        } else if (payload.length < 65536) {
            f.write(maskBit | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xFF);
        } else {
            f.write(maskBit | 127);
            long len = payload.length;
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) (len >>> shift) & 0xFF);
            }
        }
        if (masked) {
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            f.write(mask, 0, 4);
            byte[] m = new byte[payload.length];
            for (int i = 0; i < payload.length; i++) {
                m[i] = (byte) (payload[i] ^ mask[i & 3]);
            }
            f.write(m, 0, m.length);
        } else {
            f.write(payload, 0, payload.length);
        }
        return f.toByteArray();
    }

    public static byte[] textFrame(String text) {
        return frame(true, TEXT, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** A close frame with a status code and reason. */
    public static byte[] closeFrame(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return frame(true, CLOSE, p, true);
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
        int b1 = readByte();
        if ((b1 & 0x80) != 0) {
            throw new AssertionError("server frames must not be masked");
        }
        long len = b1 & 0x7F;
        if (len == 126) {
            len = (readByte() << 8) | readByte();
        } else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | readByte();
            }
        }
        if (len > 16 * 1024 * 1024) {
            throw new AssertionError("implausible server frame length " + len);
        }
        byte[] payload = in.readNBytes((int) len);
        if (payload.length != len) {
            throw new EOFException("connection closed inside a frame");
        }
        return new Frame((b0 & 0x80) != 0, b0 & 0x0F, payload);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed inside a frame header");
        }
        return b;
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
