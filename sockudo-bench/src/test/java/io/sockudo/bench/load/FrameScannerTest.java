package io.sockudo.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.protocol.PresenceMember;
import io.sockudo.protocol.PusherError;
import io.sockudo.protocol.ServerFrames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scanner reads the server's own frames, built by the server's own code. */
class FrameScannerTest {

    @Test
    void recognisesEveryFrameTheGeneratorReactsTo() {
        assertThat(kind(ServerFrames.connectionEstablished("1.2", 120))).isEqualTo(FrameScanner.Kind.ESTABLISHED);
        assertThat(kind(ServerFrames.subscriptionSucceeded("bench-1"))).isEqualTo(FrameScanner.Kind.SUBSCRIBED);
        assertThat(kind(ServerFrames.presenceSubscriptionSucceeded("presence-a", List.of())))
                .isEqualTo(FrameScanner.Kind.SUBSCRIBED);
        assertThat(kind(ServerFrames.subscriptionError("private-a", "AuthError", "bad", 401)))
                .isEqualTo(FrameScanner.Kind.SUBSCRIPTION_ERROR);
        assertThat(kind(ServerFrames.error(PusherError.appNotFound("k")))).isEqualTo(FrameScanner.Kind.ERROR);
        assertThat(kind(ServerFrames.ping())).isEqualTo(FrameScanner.Kind.PING);
        assertThat(kind(ServerFrames.memberAdded("presence-a", member("u7")))).isEqualTo(FrameScanner.Kind.MEMBER_ADDED);
        assertThat(kind(ServerFrames.memberRemoved("presence-a", "\"u7\""))).isEqualTo(FrameScanner.Kind.MEMBER_REMOVED);
        assertThat(kind(bytes("{\"event\":\"pusher:delta\",\"channel\":\"t\",\"data\":{\"event\":\"e\",\"delta\":\"AA==\",\"seq\":2}}")))
                .isEqualTo(FrameScanner.Kind.DELTA);
        assertThat(kind(bytes("{\"event\":\"pusher:delta_compression_enabled\",\"data\":{\"enabled\":true}}")))
                .isEqualTo(FrameScanner.Kind.DELTA_ENABLED);
        assertThat(kind(ServerFrames.channelEvent("bench", "bench-1", "{}", null))).isEqualTo(FrameScanner.Kind.APP_EVENT);
        assertThat(kind(ServerFrames.channelEvent("pusher-like", "bench-1", "{}", null))).isEqualTo(FrameScanner.Kind.APP_EVENT);
    }

    @Test
    void readsTheSendTimeOfAPublishedEvent() {
        byte[] frame = ServerFrames.channelEvent("bench", "bench-1", new Payloads(100, 3).data(5, 1712345678901234L), null);
        assertThat(FrameScanner.timestampMicros(frame, 0, frame.length)).isEqualTo(1712345678901234L);
        byte[] raw = bytes("{\"ts\":42,\"seq\":1}");
        assertThat(FrameScanner.timestampMicros(raw, 0, raw.length)).isEqualTo(42);
        byte[] none = ServerFrames.channelEvent("bench", "bench-1", new Payloads(100, 0).data(5, 0), null);
        assertThat(FrameScanner.timestampMicros(none, 0, none.length)).isEqualTo(-1);
    }

    @Test
    void readsSocketIdsErrorCodesMemberIdsAndPresenceCounts() {
        byte[] established = ServerFrames.connectionEstablished("123.456", 120);
        assertThat(FrameScanner.socketId(established, 0, established.length)).isEqualTo("123.456");
        byte[] error = ServerFrames.error(PusherError.appNotFound("k"));
        assertThat(FrameScanner.errorCode(error, 0, error.length)).isEqualTo(4001);
        byte[] added = ServerFrames.memberAdded("presence-a", member("u4711"));
        assertThat(FrameScanner.userIndex(added, 0, added.length)).isEqualTo(4711);
        byte[] removed = ServerFrames.memberRemoved("presence-a", "\"u12\"");
        assertThat(FrameScanner.userIndex(removed, 0, removed.length)).isEqualTo(12);
        byte[] roster = ServerFrames.presenceSubscriptionSucceeded("presence-a", List.of(
                new ServerFrames.Member("u1", "{}"), new ServerFrames.Member("u2", "{}"), new ServerFrames.Member("u3", "{}")));
        assertThat(FrameScanner.presenceCount(roster, 0, roster.length)).isEqualTo(3);
    }

    @Test
    void looksOnlyInsideTheGivenRange() {
        byte[] frame = ServerFrames.connectionEstablished("123.456", 120);
        byte[] padded = new byte[frame.length + 20];
        System.arraycopy(frame, 0, padded, 10, frame.length);
        assertThat(FrameScanner.kind(padded, 10, frame.length)).isEqualTo(FrameScanner.Kind.ESTABLISHED);
        assertThat(FrameScanner.socketId(padded, 10, frame.length)).isEqualTo("123.456");
        assertThat(FrameScanner.kind(padded, 10, 5)).isEqualTo(FrameScanner.Kind.APP_EVENT);
    }

    private static PresenceMember member(String id) {
        return PresenceMember.parse("{\"user_id\":\"" + id + "\",\"user_info\":{}}");
    }

    private static FrameScanner.Kind kind(byte[] frame) {
        return FrameScanner.kind(frame, 0, frame.length);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
