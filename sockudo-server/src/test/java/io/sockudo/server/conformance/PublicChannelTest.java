package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.ClientFrames;
import io.sockudo.testkit.JsonTree;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Subscribing to public channels and what arrives on them (checklist D). */
class PublicChannelTest {

    private static SockudoServer server;
    private static HttpApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = HttpApiClient.of(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WsClient client() {
        return WsClient.established(server.port(), TestServer.KEY);
    }

    @Test
    void subscribingIsAnsweredWithSubscriptionSucceededAndEmptyData() {
        try (WsClient c = client()) {
            c.send(ClientFrames.subscribe("my-channel"));
            assertThat(c.next()).isEqualTo("{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"my-channel\",\"data\":\"{}\"}");
        }
    }

    @Test
    void unsubscribingGetsNoReplyAndStopsTheChannelsEvents() {
        try (WsClient c = client()) {
            Join.publicChannel(c, "leaving");
            Join.publicChannel(c, "staying");
            c.send(ClientFrames.unsubscribe("leaving"));
            Join.stillUp(c);
            api.publishOk("leaving", "late", "{}");
            api.publishOk("staying", "marker", "{}");
            assertThat(c.next()).isEqualTo(Expected.event("marker", "staying", "{}"));
        }
    }

    @Test
    void unsubscribingFromAChannelNeverJoinedIsHarmless() {
        try (WsClient c = client()) {
            for (int i = 0; i < 3; i++) {
                c.send(ClientFrames.unsubscribe("never-joined"));
            }
            Join.stillUp(c);
        }
    }

    @Test
    void subscribingTwiceKeepsOneMembership() {
        try (WsClient c = client()) {
            Join.publicChannel(c, "twice");
            c.send(ClientFrames.subscribe("twice"));
            c.send(ClientFrames.ping());
            String f;
            while (!(f = c.next()).equals(Expected.PONG)) {
                assertThat(f).as("a repeated subscribe may only be confirmed again").isEqualTo(Expected.succeeded("twice"));
            }
            assertThat(api.get("/channels/twice").body()).isEqualTo("{\"occupied\":true,\"subscription_count\":1}");
            api.publishOk("twice", "once", "{}");
            assertThat(c.next()).isEqualTo(Expected.event("once", "twice", "{}"));
            api.publishSentinel("twice");
            assertThat(c.framesBeforeSentinel()).as("the event is delivered once").isEmpty();
        }
    }

    @Test
    void subscribeUnsubscribeSubscribeInOneBurstEndsSubscribed() {
        try (WsClient c = client()) {
            c.send(ClientFrames.subscribe("burst")).send(ClientFrames.unsubscribe("burst")).send(ClientFrames.subscribe("burst"));
            c.send(ClientFrames.ping());
            String f;
            while (!(f = c.next()).equals(Expected.PONG)) {
                assertThat(f).isEqualTo(Expected.succeeded("burst"));
            }
            assertThat(api.get("/channels/burst").body()).isEqualTo("{\"occupied\":true,\"subscription_count\":1}");
            api.publishOk("burst", "arrives", "{}");
            assertThat(c.next()).isEqualTo(Expected.event("arrives", "burst", "{}"));
        }
    }

    @Test
    void subscribeUnsubscribeInOneBurstEndsUnsubscribed() {
        try (WsClient c = client()) {
            c.send(ClientFrames.subscribe("cancelled")).send(ClientFrames.unsubscribe("cancelled"));
            c.send(ClientFrames.ping());
            String f;
            while (!(f = c.next()).equals(Expected.PONG)) {
                assertThat(f).isEqualTo(Expected.succeeded("cancelled"));
            }
            assertThat(api.get("/channels/cancelled").body()).isEqualTo("{\"occupied\":false,\"subscription_count\":0}");
        }
    }

    @Test
    void oneConnectionMayJoinSixtyChannelsAndHearsEachOfThem() {
        List<String> channels = IntStream.range(0, 60).mapToObj(i -> "many-" + i).toList();
        try (WsClient c = client()) {
            channels.forEach(ch -> c.send(ClientFrames.subscribe(ch)));
            Set<String> confirmed = new HashSet<>();
            for (int i = 0; i < channels.size(); i++) {
                confirmed.add(c.next());
            }
            assertThat(confirmed).containsExactlyInAnyOrderElementsOf(channels.stream().map(Expected::succeeded).toList());
            String body = "{\"name\":\"all\",\"channels\":" + channels.stream().map(JsonTree::quote).collect(Collectors.joining(",", "[", "]"))
                    + ",\"data\":\"{}\"}";
            assertThat(api.post("/events", body).status()).isEqualTo(200);
            Set<String> events = new HashSet<>();
            for (int i = 0; i < channels.size(); i++) {
                events.add(c.next());
            }
            assertThat(events).containsExactlyInAnyOrderElementsOf(channels.stream().map(ch -> Expected.event("all", ch, "{}")).toList());
        }
    }

    @Test
    void eventsReachOnlyTheSubscribersOfTheirChannel() {
        try (WsClient a = client(); WsClient b = client()) {
            Join.publicChannel(a, "isolated-a");
            Join.publicChannel(b, "isolated-b");
            api.publishOk("isolated-a", "for-a", "{}");
            api.publishOk("isolated-b", "for-b", "{}");
            assertThat(a.next()).isEqualTo(Expected.event("for-a", "isolated-a", "{}"));
            assertThat(b.next()).isEqualTo(Expected.event("for-b", "isolated-b", "{}"));
        }
    }

    @Test
    void channelNamesMayUseLettersDigitsAndThePunctuationPusherAllows() {
        try (WsClient c = client()) {
            Join.publicChannel(c, "Az09-_=@,.;");
            Join.publicChannel(c, "c".repeat(200));
        }
    }

    @Test
    void aChannelNameWithForbiddenCharactersIsRefusedAsInvalidChannel() {
        try (WsClient c = client()) {
            for (String name : List.of("has space", "in#side", "colon:name", "sl/ash", "ünï", "star*")) {
                c.send(ClientFrames.subscribe(name));
                Join.refused(c, name, "InvalidChannel", 400, 4300);
            }
        }
    }

    @Test
    void anEmptyChannelNameIsRefusedAsInvalidChannel() {
        try (WsClient c = client()) {
            c.send(ClientFrames.subscribe(""));
            Join.refused(c, "", "InvalidChannel", 400, 4300);
        }
    }

    @Test
    void aChannelNameOver200CharactersIsRefusedAsInvalidChannel() {
        String name = "c".repeat(201);
        try (WsClient c = client()) {
            c.send(ClientFrames.subscribe(name));
            Join.refused(c, name, "InvalidChannel", 400, 4300);
            assertThat(api.get("/channels").body()).isEqualTo("{\"channels\":{}}");
        }
    }
}
