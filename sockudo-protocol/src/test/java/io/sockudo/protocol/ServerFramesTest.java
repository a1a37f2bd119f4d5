package io.sockudo.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerFramesTest {

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void connectionEstablishedCarriesItsDataAsAJsonString() {
        assertThat(s(ServerFrames.connectionEstablished("123.456", 120))).isEqualTo(
                "{\"event\":\"pusher:connection_established\",\"data\":\"{\\\"socket_id\\\":\\\"123.456\\\",\\\"activity_timeout\\\":120}\"}");
    }

    @Test
    void pingAndPongCarryAnEmptyObject() {
        assertThat(s(ServerFrames.ping())).isEqualTo("{\"event\":\"pusher:ping\",\"data\":{}}");
        assertThat(s(ServerFrames.pong())).isEqualTo("{\"event\":\"pusher:pong\",\"data\":{}}");
    }

    @Test
    void errorCarriesAnObject() {
        assertThat(s(ServerFrames.error(PusherError.appNotFound("nope")))).isEqualTo(
                "{\"event\":\"pusher:error\",\"data\":{\"code\":4001,\"message\":\"App key nope does not exist\"}}");
    }

    @Test
    void errorAboutAChannelNamesIt() {
        assertThat(s(ServerFrames.error(PusherError.clientEventRejected("no"), "private-x"))).isEqualTo(
                "{\"event\":\"pusher:error\",\"channel\":\"private-x\",\"data\":{\"code\":4301,\"message\":\"no\"}}");
        assertThat(s(ServerFrames.error(PusherError.clientEventRejected("no"), null))).isEqualTo(
                "{\"event\":\"pusher:error\",\"data\":{\"code\":4301,\"message\":\"no\"}}");
    }

    @Test
    void subscriptionErrorIsSentOnTheChannel() {
        assertThat(s(ServerFrames.subscriptionError("private-x", "AuthError", "bad", 401))).isEqualTo(
                "{\"event\":\"pusher:subscription_error\",\"channel\":\"private-x\",\"data\":{\"type\":\"AuthError\",\"error\":\"bad\",\"status\":401}}");
    }

    @Test
    void subscriptionSucceededOnANonPresenceChannelCarriesAnEmptyObjectString() {
        assertThat(s(ServerFrames.subscriptionSucceeded("my-channel"))).isEqualTo(
                "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"my-channel\",\"data\":\"{}\"}");
    }

    @Test
    void presenceSubscriptionSucceededListsIdsHashAndCount() {
        byte[] frame = ServerFrames.presenceSubscriptionSucceeded("presence-x", List.of(
                new ServerFrames.Member("1", "{\"id\":1,\"name\":\"John\"}"),
                new ServerFrames.Member("2", "{}")));
        assertThat(s(frame)).isEqualTo("{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"presence-x\",\"data\":"
                + "\"{\\\"presence\\\":{\\\"ids\\\":[\\\"1\\\",\\\"2\\\"],\\\"hash\\\":{\\\"1\\\":{\\\"id\\\":1,\\\"name\\\":\\\"John\\\"},\\\"2\\\":{}},\\\"count\\\":2}}\"}");
    }

    @Test
    void memberEventsKeepTheUserIdAsTheAppWroteIt() {
        PresenceMember numeric = PresenceMember.parse("{\"user_id\":2,\"user_info\":{\"name\":\"Alice\"}}");
        assertThat(s(ServerFrames.memberAdded("presence-x", numeric))).isEqualTo(
                "{\"event\":\"pusher_internal:member_added\",\"channel\":\"presence-x\",\"data\":\"{\\\"user_id\\\":2,\\\"user_info\\\":{\\\"name\\\":\\\"Alice\\\"}}\"}");
        assertThat(s(ServerFrames.memberRemoved("presence-x", "\"u-1\""))).isEqualTo(
                "{\"event\":\"pusher_internal:member_removed\",\"channel\":\"presence-x\",\"data\":\"{\\\"user_id\\\":\\\"u-1\\\"}\"}");
    }

    @Test
    void cacheMissNamesOnlyTheChannel() {
        assertThat(s(ServerFrames.cacheMiss("cache-x"))).isEqualTo("{\"event\":\"pusher:cache_miss\",\"channel\":\"cache-x\"}");
    }

    @Test
    void subscriptionCountCarriesAString() {
        assertThat(s(ServerFrames.subscriptionCount("c", 2))).isEqualTo(
                "{\"event\":\"pusher_internal:subscription_count\",\"channel\":\"c\",\"data\":\"{\\\"subscription_count\\\":2}\"}");
    }

    @Test
    void signinSuccessEchoesTheUserDataString() {
        assertThat(s(ServerFrames.signinSuccess("{\"id\":\"1\"}"))).isEqualTo(
                "{\"event\":\"pusher:signin_success\",\"data\":{\"user_data\":\"{\\\"id\\\":\\\"1\\\"}\"}}");
    }

    @Test
    void watchlistEventsUsePushersFrame() {
        byte[] frame = ServerFrames.watchlistEvents(List.of(
                new ServerFrames.WatchlistEvent("online", List.of("2")),
                new ServerFrames.WatchlistEvent("offline", List.of("3"))));
        assertThat(s(frame)).isEqualTo("{\"event\":\"pusher_internal:watchlist_events\",\"data\":"
                + "\"{\\\"events\\\":[{\\\"name\\\":\\\"online\\\",\\\"user_ids\\\":[\\\"2\\\"]},{\\\"name\\\":\\\"offline\\\",\\\"user_ids\\\":[\\\"3\\\"]}]}\"}");
    }

    @Test
    void channelEventForwardsThePublishersDataStringVerbatim() {
        assertThat(s(ServerFrames.channelEvent("greeting", "my-channel", "{\"message\":\"hello\",\"weirdVariable\":\"abc/d\"}", null)))
                .isEqualTo("{\"event\":\"greeting\",\"channel\":\"my-channel\",\"data\":\"{\\\"message\\\":\\\"hello\\\",\\\"weirdVariable\\\":\\\"abc/d\\\"}\"}");
    }

    @Test
    void channelEventEscapesControlCharactersAndKeepsUnicode() {
        assertThat(s(ServerFrames.channelEvent("e", "c", "line\nbreak \"é\" \u0001", null)))
                .isEqualTo("{\"event\":\"e\",\"channel\":\"c\",\"data\":\"line\\nbreak \\\"é\\\" \\u0001\"}");
    }

    @Test
    void clientEventRelaysDataExactlyAsSentAndAddsThePresenceUserId() {
        byte[] in = "{\"event\":\"client-greeting\",\"channel\":\"presence-x\",\"data\":{\"n\":1.50,\"m\":\"hi\"}}".getBytes(StandardCharsets.UTF_8);
        ClientMessage m = ClientMessage.decode(in, 0, in.length);
        assertThat(s(ServerFrames.clientEvent(m.event(), m.channel(), m.data(), "\"2\""))).isEqualTo(
                "{\"event\":\"client-greeting\",\"channel\":\"presence-x\",\"data\":{\"n\":1.50,\"m\":\"hi\"},\"user_id\":\"2\"}");
        assertThat(s(ServerFrames.clientEvent(m.event(), "private-x", m.data(), null))).isEqualTo(
                "{\"event\":\"client-greeting\",\"channel\":\"private-x\",\"data\":{\"n\":1.50,\"m\":\"hi\"}}");
    }
}
