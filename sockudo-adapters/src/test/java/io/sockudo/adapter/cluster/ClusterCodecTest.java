package io.sockudo.adapter.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterCodecTest {

    private static Envelope roundTrip(ClusterMessage m) throws IOException {
        return ClusterCodec.decode(ClusterCodec.encode("node-1", m));
    }

    private static String json(ClusterMessage m) {
        return new String(ClusterCodec.encode("node-1", m), StandardCharsets.UTF_8);
    }

    private static Envelope decode(String json) throws IOException {
        return ClusterCodec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBroadcastIsSockudosBroadcastMessageWithThePusherMessageAsAString() {
        Broadcast b = new Broadcast("app", "chat", "{\"event\":\"e\",\"data\":\"{\\\"x\\\":1}\"}", "1.2", 42);
        assertThat(json(b)).isEqualTo("{\"node_id\":\"node-1\",\"app_id\":\"app\",\"channel\":\"chat\","
                + "\"message\":\"{\\\"event\\\":\\\"e\\\",\\\"data\\\":\\\"{\\\\\\\"x\\\\\\\":1}\\\"}\","
                + "\"except_socket_id\":\"1.2\",\"timestamp_ms\":42}");
    }

    @Test
    void aNodeKnowsItsOwnBroadcastsByTheirFirstBytesAndNoOneElses() {
        byte[] mine = ClusterCodec.broadcastPrefix("node-1");
        Broadcast b = new Broadcast("app", "chat", "{\"event\":\"e\"}", null, 42,
                new Broadcast.EventInfo("e", null, false, null, false, 0));

        assertThat(startsWith(ClusterCodec.encode("node-1", b), mine)).isTrue();
        assertThat(startsWith(ClusterCodec.encode("node-10", b), mine)).isFalse();
        assertThat(startsWith(ClusterCodec.encode("node-2", b), mine)).isFalse();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Test
    void everyMessageSurvivesTheRoundTrip() throws IOException {
        List<ClusterMessage> messages = List.of(
                new Broadcast("app", "chat", "{\"event\":\"é ✓ \\u0000\"}", null, 1),
                new Broadcast("app", "cache-news", "{\"event\":\"e\",\"data\":\"{}\"}", null, 2,
                        new Broadcast.EventInfo("e", "{\"k\":\"v\"}", true, "k", false, 3_600_000)),
                new Broadcast("app", "chat", "{\"event\":\"e\"}", "1.2", 3, new Broadcast.EventInfo("e", null, false, null, false, 0)),
                new PresenceJoined("app", "presence-x", "1.1", "u1", "{\"name\":\"Ann\",\"tags\":[1,2]}"),
                new PresenceJoined("app", "presence-x", "1.1", "u1", null),
                new PresenceLeft("app", "presence-x", "1.1", "u1"),
                new Heartbeat(123, true),
                new Heartbeat(124, false),
                new NodeDead("node-1"),
                new Request("r1", new Query(RequestType.BATCH_CHANNEL_SOCKETS_COUNT, "app", null, null, null, List.of("a", "b"))),
                new Request("r2", Query.user(RequestType.COUNT_USER_CONNECTIONS_IN_CHANNEL, "app", "presence-x", "u1")),
                new Response("r1", new Answer("app", Map.of("u1", "{\"name\":\"Ann\"}", "u2", "null"),
                        Map.of("a", 2L, "b", 0L), List.of("1.1"), 2, true, List.of("a", "b"), 2)),
                new Response("r3", Answer.empty("app")),
                new Request("r4", Query.channel(RequestType.CACHED_EVENT, "app", "cache-news")),
                new Response("r4", Answer.cachedEvent("app", "{\"event\":\"e\",\"channel\":\"cache-news\",\"data\":\"{}\"}", 1234)),
                new NodeCount(NodeCount.Kind.APP_CONNECTIONS, "app", null, 7),
                new NodeCount(NodeCount.Kind.CHANNEL_SOCKETS, "app", "chat", 0),
                new NodeCount(NodeCount.Kind.USER_CONNECTIONS, "app", "u1", 2),
                new NodeCounts(List.of()),
                new NodeCounts(List.of(new NodeCount(NodeCount.Kind.CHANNEL_SOCKETS, "app", "chat", 3),
                        new NodeCount(NodeCount.Kind.APP_CONNECTIONS, "other", null, 1),
                        new NodeCount(NodeCount.Kind.USER_CONNECTIONS, "app", "u1", 1))));
        for (ClusterMessage m : messages) {
            assertThat(roundTrip(m)).isEqualTo(new Envelope("node-1", m));
        }
    }

    @Test
    void requestsUseSockudosRequestBodyNames() {
        assertThat(json(new Request("r1", Query.channel(RequestType.CHANNEL_MEMBERS, "app", "presence-x"))))
                .isEqualTo("{\"request_id\":\"r1\",\"node_id\":\"node-1\",\"app_id\":\"app\","
                        + "\"request_type\":\"ChannelMembers\",\"channel\":\"presence-x\"}");
        assertThat(json(new NodeDead("node-1"))).contains("\"request_type\":\"NodeDead\"", "\"dead_node_id\":\"node-1\"");
        assertThat(json(new PresenceLeft("app", "presence-x", "1.1", "u1")))
                .contains("\"request_type\":\"PresenceMemberLeft\"", "\"socket_id\":\"1.1\"", "\"user_id\":\"u1\"");
    }

    @Test
    void aChannelsCountIsSockudosChannelCountUpdate() {
        assertThat(json(new NodeCount(NodeCount.Kind.CHANNEL_SOCKETS, "app", "chat", 3)))
                .contains("\"request_type\":\"ChannelCountUpdate\"", "\"channel\":\"chat\"", "\"sockets_count\":3");
    }

    @Test
    void aCountThatIsNotOneIsRefused() {
        assertThatThrownBy(() -> decode("{\"node_id\":\"n\",\"request_id\":\"r\",\"app_id\":\"a\","
                + "\"request_type\":\"ChannelCountUpdate\",\"channel\":\"c\",\"sockets_count\":-1}"))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> decode("{\"node_id\":\"n\",\"request_id\":\"r\",\"app_id\":\"\","
                + "\"request_type\":\"CountsSync\",\"counts\":[{\"request_type\":\"Heartbeat\"}]}"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void responsesUseSockudosResponseBodyNames() {
        String json = json(new Response("r1", Answer.members("app", Map.of("u1", "{\"a\":1}"))));
        assertThat(json).isEqualTo("{\"request_id\":\"r1\",\"node_id\":\"node-1\",\"app_id\":\"app\","
                + "\"members\":{\"u1\":{\"user_id\":\"u1\",\"user_info\":{\"a\":1}}},\"channels_with_sockets_count\":{},"
                + "\"socket_ids\":[],\"sockets_count\":0,\"exists\":false,\"channels\":[],\"members_count\":1}");
    }

    @Test
    void fieldsItDoesNotKnowAreSkipped() throws IOException {
        Envelope e = decode("{\"node_id\":\"n2\",\"app_id\":\"app\",\"channel\":\"c\",\"message\":\"m\","
                + "\"compression_metadata\":{\"a\":[1,{\"b\":2}]},\"ephemeral\":true,\"timestamp_ms\":7}");
        assertThat(e).isEqualTo(new Envelope("n2", new Broadcast("app", "c", "m", null, 7)));
    }

    @Test
    void whatIsNotAClusterMessageIsRefused() {
        assertThatThrownBy(() -> decode("[]")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> decode("{\"app_id\":\"a\",\"channel\":\"c\",\"message\":\"m\"}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> decode("{\"node_id\":\"n\",\"request_type\":\"Nonsense\",\"request_id\":\"r\"}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> decode("{\"node_id\":\"n\"}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> decode("{\"node_id\":\"n\",\"message\":\"m\"}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> decode("{\"node_id\":\"n\",\"message\":")).isInstanceOf(IOException.class);
    }
}
