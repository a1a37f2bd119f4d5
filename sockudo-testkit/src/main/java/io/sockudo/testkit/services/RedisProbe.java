package io.sockudo.testkit.services;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One Redis command over a fresh connection, for the starters' readiness checks: polling a
 * cluster's state this way costs a socket, not a redis-cli process per node and round.
 */
final class RedisProbe {

    private RedisProbe() {
    }

    /**
     * The reply to {@code args} from the server on {@code port}: a status, bulk string or integer
     * as text; an error reply as {@code "-message"}. Fails when the server cannot be reached.
     */
    static String call(int port, String... args) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                request.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = new BufferedInputStream(s.getInputStream());
            String head = line(in);
            return switch (head.charAt(0)) {
                case '+', ':' -> head.substring(1);
                case '-' -> head;
                case '$' -> bulk(in, Integer.parseInt(head.substring(1)));
                default -> throw new IOException("unexpected reply " + head);
            };
        } catch (IOException e) {
            throw new IllegalStateException("redis on port " + port + " does not answer " + String.join(" ", args) + ": " + e, e);
        }
    }

    /** Like {@link #call} but an unreachable server answers null. */
    static String tryCall(int port, String... args) {
        try {
            return call(port, args);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private static String bulk(InputStream in, int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] body = in.readNBytes(length + 2);
        if (body.length != length + 2) {
            throw new IOException("reply cut short");
        }
        return new String(body, 0, length, StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
