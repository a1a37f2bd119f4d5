package io.sockudo.bench.load;

import io.sockudo.protocol.ChannelAuth;
import io.sockudo.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the generator's clients send: the opening handshake and RFC 6455 client frames, which
 * must be masked (a server closes the connection on an unmasked one). Clients send little, so
 * these build fresh arrays; only the receive side is tuned.
 */
final class ClientFrames {

    private static final int FIN = 0x80;
    static final int OP_TEXT = 0x1;
    static final int OP_CLOSE = 0x8;
    static final int OP_PING = 0x9;
    static final int OP_PONG = 0xA;

    /** One key for every handshake of this process: the server only checks its form. */
    static final String KEY = Base64.getEncoder().encodeToString("sockudo-bench-ky".getBytes(StandardCharsets.US_ASCII));
    static final String ACCEPT = accept(KEY);

    static final byte[] PUSHER_PONG = FrameScanner.ascii("{\"event\":\"pusher:pong\",\"data\":{}}");
    /** No algorithm list: the server's configured preference ({@code delta_compression.algorithm}) decides. */
    static final byte[] ENABLE_DELTA = FrameScanner.ascii(
            "{\"event\":\"pusher:enable_delta_compression\",\"data\":{}}");

    private ClientFrames() {
    }

    /** The upgrade request: Pusher's path {@code /app/<key>?protocol=7}. */
    static byte[] handshake(String host, int port, String appKey) {
        String request = "GET /app/" + appKey + "?protocol=7&client=sockudo-bench&version=1.0 HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n";
        return request.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * {@code pusher:subscribe}; private and presence channels carry the signature an app's auth
     * endpoint would return, computed here from the app secret.
     *
     * @param userId the presence member's id, for presence channels
     */
    static byte[] subscribe(String channel, String socketId, String key, String secret, String userId) {
        StringBuilder s = new StringBuilder(160).append("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":")
                .append(Json.quote(channel));
        if (channel.startsWith("presence-")) {
            String channelData = "{\"user_id\":" + Json.quote(userId) + ",\"user_info\":{}}";
            s.append(",\"auth\":").append(Json.quote(ChannelAuth.signChannel(key, secret, socketId, channel, channelData)))
                    .append(",\"channel_data\":").append(Json.quote(channelData));
        } else if (channel.startsWith("private-")) {
            s.append(",\"auth\":").append(Json.quote(ChannelAuth.signChannel(key, secret, socketId, channel, null)));
        }
        return s.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] unsubscribe(String channel) {
        return ("{\"event\":\"pusher:unsubscribe\",\"data\":{\"channel\":" + Json.quote(channel) + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] text(byte[] payload) {
        return frame(OP_TEXT, payload, 0, payload.length);
    }

    static byte[] close(int code) {
        byte[] payload = {(byte) (code >>> 8), (byte) code};
        return frame(OP_CLOSE, payload, 0, 2);
    }

    static byte[] frame(int opcode, byte[] payload, int off, int len) {
        int header = len < 126 ? 2 : len <= 0xFFFF ? 4 : 10;
        byte[] f = new byte[header + 4 + len];
        f[0] = (byte) (FIN | opcode);
        if (len < 126) {
            f[1] = (byte) (0x80 | len);
        } else if (len <= 0xFFFF) {
            f[1] = (byte) (0x80 | 126);
            f[2] = (byte) (len >>> 8);
            f[3] = (byte) len;
        } else {
            f[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                f[2 + i] = (byte) ((long) len >>> (56 - 8 * i));
            }
        }
        int mask = ThreadLocalRandom.current().nextInt();
        int m = header;
        f[m] = (byte) (mask >>> 24);
        f[m + 1] = (byte) (mask >>> 16);
        f[m + 2] = (byte) (mask >>> 8);
        f[m + 3] = (byte) mask;
        int p = header + 4;
        for (int i = 0; i < len; i++) {
            f[p + i] = (byte) (payload[off + i] ^ f[m + (i & 3)]);
        }
        return f;
    }

    static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by the Java platform", e);
        }
    }
}
