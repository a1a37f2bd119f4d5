package io.sockudo.bench.load;

import io.sockudo.protocol.ChannelAuth;
import io.sockudo.testkit.JsonTree;
import io.sockudo.testkit.ws.ClientFrameWriter;
import io.sockudo.testkit.ws.Handshake;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What the generator's clients send: the opening handshake and the Pusher events, in masked
 * RFC 6455 frames ({@link ClientFrameWriter}). Clients send little, so these build fresh
 * arrays; only the receive side is tuned.
 */
final class ClientFrames {

    /** One key for every handshake of this process: the server only checks its form. */
    static final String KEY = Base64.getEncoder().encodeToString("sockudo-bench-ky".getBytes(StandardCharsets.US_ASCII));
    static final String ACCEPT = Handshake.accept(KEY);

    static final byte[] PUSHER_PONG = utf8(io.sockudo.testkit.ClientFrames.pong());
    /** No algorithm list: the server's configured preference ({@code delta_compression.algorithm}) decides. */
    static final byte[] ENABLE_DELTA = FrameScanner.ascii(
            "{\"event\":\"pusher:enable_delta_compression\",\"data\":{}}");

    private ClientFrames() {
    }

    /** The upgrade request: Pusher's path {@code /app/<key>?protocol=7}. */
    static byte[] handshake(String host, int port, String appKey) {
        String path = "/app/" + appKey + "?protocol=7&client=sockudo-bench&version=1.0";
        return Handshake.request(host, port, path, KEY).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * {@code pusher:subscribe}; private and presence channels carry the signature an app's auth
     * endpoint would return, computed here from the app secret.
     *
     * @param userId the presence member's id, for presence channels
     */
    static byte[] subscribe(String channel, String socketId, String key, String secret, String userId) {
        if (channel.startsWith("presence-")) {
            String channelData = "{\"user_id\":" + JsonTree.quote(userId) + ",\"user_info\":{}}";
            String auth = ChannelAuth.signChannel(key, secret, socketId, channel, channelData);
            return utf8(io.sockudo.testkit.ClientFrames.subscribe(channel, auth, channelData));
        }
        if (channel.startsWith("private-")) {
            String auth = ChannelAuth.signChannel(key, secret, socketId, channel, null);
            return utf8(io.sockudo.testkit.ClientFrames.subscribe(channel, auth));
        }
        return utf8(io.sockudo.testkit.ClientFrames.subscribe(channel));
    }

    static byte[] unsubscribe(String channel) {
        return utf8(io.sockudo.testkit.ClientFrames.unsubscribe(channel));
    }

    static byte[] text(byte[] payload) {
        return ClientFrameWriter.text(payload);
    }

    static byte[] close(int code) {
        return ClientFrameWriter.close(code);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
