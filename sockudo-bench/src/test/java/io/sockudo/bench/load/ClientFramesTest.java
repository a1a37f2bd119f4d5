package io.sockudo.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.protocol.ChannelAuth;
import io.sockudo.protocol.ClientMessage;
import io.sockudo.protocol.SubscribeRequest;
import io.sockudo.testkit.ws.Handshake;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClientFramesTest {

    @Test
    void clientFramesAreMaskedAndUnmaskToThePayload() {
        byte[] payload = "{\"event\":\"pusher:ping\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        byte[] frame = ClientFrames.text(payload);
        assertThat(frame[0] & 0xFF).isEqualTo(0x81);
        assertThat(frame[1] & 0x80).as("mask bit").isEqualTo(0x80);
        assertThat(frame[1] & 0x7F).isEqualTo(payload.length);
        assertThat(unmask(frame, 2, payload.length)).isEqualTo(payload);
    }

    @Test
    void longPayloadsUseTheExtendedLength() {
        byte[] payload = new byte[300];
        java.util.Arrays.fill(payload, (byte) 'x');
        byte[] frame = ClientFrames.text(payload);
        assertThat(frame[1] & 0x7F).isEqualTo(126);
        assertThat(((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF)).isEqualTo(300);
        assertThat(unmask(frame, 4, 300)).isEqualTo(payload);
    }

    @Test
    void presenceSubscriptionsCarryAValidSignatureAndTheMemberData() {
        byte[] json = ClientFrames.subscribe("presence-room", "1.2", "app-key", "app-secret", "u9");
        SubscribeRequest req = SubscribeRequest.from(ClientMessage.decode(json, 0, json.length));
        assertThat(req.channel()).isEqualTo("presence-room");
        assertThat(req.channelData()).isEqualTo("{\"user_id\":\"u9\",\"user_info\":{}}");
        assertThat(ChannelAuth.verifyChannel("app-key", "app-secret", "1.2", "presence-room", req.channelData(), req.auth())).isNull();
    }

    @Test
    void privateSubscriptionsAreSignedAndPublicOnesAreNot() {
        byte[] priv = ClientFrames.subscribe("private-chat", "1.2", "app-key", "app-secret", "u1");
        SubscribeRequest p = SubscribeRequest.from(ClientMessage.decode(priv, 0, priv.length));
        assertThat(ChannelAuth.verifyChannel("app-key", "app-secret", "1.2", "private-chat", null, p.auth())).isNull();
        byte[] pub = ClientFrames.subscribe("bench-1", null, "app-key", "app-secret", "u1");
        assertThat(SubscribeRequest.from(ClientMessage.decode(pub, 0, pub.length)).auth()).isNull();
    }

    @Test
    void theHandshakeAsksForPusherProtocolSeven() {
        String request = new String(ClientFrames.handshake("127.0.0.1", 7001, "app-key"), StandardCharsets.US_ASCII);
        assertThat(request).startsWith("GET /app/app-key?protocol=7").contains("Sec-WebSocket-Version: 13\r\n").endsWith("\r\n\r\n");
        assertThat(request).contains("Sec-WebSocket-Key: " + ClientFrames.KEY + "\r\n");
        // RFC 6455's example key and answer
        assertThat(Handshake.accept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    private static byte[] unmask(byte[] frame, int maskAt, int len) {
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = (byte) (frame[maskAt + 4 + i] ^ frame[maskAt + (i & 3)]);
        }
        return out;
    }
}
