package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.ClientFrames;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Client events: relayed between members of private and presence channels, refused everywhere else (checklist I). */
class ClientEventsTest {

    private static SockudoServer server;

    @BeforeAll
    static void start() {
        server = TestServer.startWith(TestServer.app().enableClientMessages(true).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WsClient client() {
        return WsClient.established(server.port(), TestServer.KEY);
    }

    /**
     * The sender is told 4301, stays connected, and the other member of the channel hears
     * nothing before a sentinel published once the sender's event was handled.
     */
    private static void assertRefused(SockudoServer s, WsClient sender, WsClient other, String channel) {
        Expected.error(sender.next(), 4301);
        Join.stillUp(sender);
        HttpApiClient.of(s).publishSentinel(channel);
        assertThat(other.framesBeforeSentinel()).as("nothing relayed").isEmpty();
    }

    @Test
    void aClientEventIsRelayedToTheOtherMembersWithItsDataObjectUntouched() {
        try (WsClient sender = client(); WsClient other = client(); WsClient third = client()) {
            for (WsClient c : new WsClient[] {sender, other, third}) {
                Join.privateChannel(c, "private-chat");
            }
            sender.send(ClientFrames.clientEvent("client-greeting", "private-chat", "{\"message\":\"hello\",\"n\":[1,2.5,true,null]}"));
            String expected = "{\"event\":\"client-greeting\",\"channel\":\"private-chat\",\"data\":{\"message\":\"hello\",\"n\":[1,2.5,true,null]}}";
            assertThat(other.next()).isEqualTo(expected);
            assertThat(third.next()).isEqualTo(expected);
        }
    }

    @Test
    void stringDataIsRelayedAsTheSameString() {
        try (WsClient sender = client(); WsClient other = client()) {
            Join.privateChannel(sender, "private-strings");
            Join.privateChannel(other, "private-strings");
            sender.send(ClientFrames.clientEvent("client-text", "private-strings", "\"{\\\"a\\\":1}\""));
            assertThat(other.next()).isEqualTo("{\"event\":\"client-text\",\"channel\":\"private-strings\",\"data\":\"{\\\"a\\\":1}\"}");
        }
    }

    @Test
    void theSenderDoesNotReceiveItsOwnClientEvent() {
        try (WsClient sender = client(); WsClient other = client()) {
            Join.privateChannel(sender, "private-echo");
            Join.privateChannel(other, "private-echo");
            sender.send(ClientFrames.clientEvent("client-echo", "private-echo", "{}"));
            assertThat(other.next()).startsWith("{\"event\":\"client-echo\"");
            Join.stillUp(sender);
            HttpApiClient.of(server).publishSentinel("private-echo");
            assertThat(sender.framesBeforeSentinel()).isEmpty();
        }
    }

    @Test
    void onPresenceChannelsTheRelayedEventCarriesTheSendersUserIdAsWritten() {
        try (WsClient named = client(); WsClient numbered = client()) {
            Join.presence(named, "presence-chat", "{\"user_id\":\"alice\"}");
            Join.presence(numbered, "presence-chat", "{\"user_id\":42}");
            named.nextStartingWith("{\"event\":\"pusher_internal:member_added\"");
            named.send(ClientFrames.clientEvent("client-hi", "presence-chat", "{\"x\":1}"));
            assertThat(numbered.next()).isEqualTo("{\"event\":\"client-hi\",\"channel\":\"presence-chat\",\"data\":{\"x\":1},\"user_id\":\"alice\"}");
            numbered.send(ClientFrames.clientEvent("client-hi", "presence-chat", "{\"x\":2}"));
            assertThat(named.next()).isEqualTo("{\"event\":\"client-hi\",\"channel\":\"presence-chat\",\"data\":{\"x\":2},\"user_id\":42}");
        }
    }

    @Test
    void cacheVariantsOfPrivateChannelsRelayClientEventsToo() {
        try (WsClient sender = client(); WsClient other = client()) {
            Join.privateChannel(sender, "private-cache-chat");
            Join.privateChannel(other, "private-cache-chat");
            assertThat(sender.next()).isEqualTo(Expected.cacheMiss("private-cache-chat"));
            assertThat(other.next()).isEqualTo(Expected.cacheMiss("private-cache-chat"));
            sender.send(ClientFrames.clientEvent("client-c", "private-cache-chat", "{}"));
            assertThat(other.next()).isEqualTo("{\"event\":\"client-c\",\"channel\":\"private-cache-chat\",\"data\":{}}");
        }
    }

    @Test
    void anAppWithoutClientMessagesRefusesThemWith4301() {
        try (SockudoServer plain = TestServer.start();
             WsClient sender = WsClient.established(plain.port(), TestServer.KEY);
             WsClient other = WsClient.established(plain.port(), TestServer.KEY)) {
            Join.privateChannel(sender, "private-off");
            Join.privateChannel(other, "private-off");
            sender.send(ClientFrames.clientEvent("client-x", "private-off", "{}"));
            assertRefused(plain, sender, other, "private-off");
        }
    }

    @Test
    void aClientEventOnAPublicChannelIsRefusedWith4301() {
        try (WsClient sender = client(); WsClient other = client()) {
            Join.publicChannel(sender, "public-chat");
            Join.publicChannel(other, "public-chat");
            sender.send(ClientFrames.clientEvent("client-x", "public-chat", "{}"));
            assertRefused(server, sender, other, "public-chat");
        }
    }

    @Test
    void aClientEventOnAChannelTheSenderHasNotJoinedIsRefusedWith4301() {
        try (WsClient sender = client(); WsClient other = client()) {
            Join.privateChannel(other, "private-members");
            sender.send(ClientFrames.clientEvent("client-x", "private-members", "{}"));
            assertRefused(server, sender, other, "private-members");
        }
    }

    @Test
    void aClientEventNameOver200CharactersIsRefusedWith4301() {
        try (WsClient sender = client(); WsClient other = client()) {
            Join.privateChannel(sender, "private-names");
            Join.privateChannel(other, "private-names");
            sender.send(ClientFrames.clientEvent("client-" + "x".repeat(194), "private-names", "{}"));
            assertRefused(server, sender, other, "private-names");
            sender.send(ClientFrames.clientEvent("client-" + "x".repeat(193), "private-names", "{}"));
            assertThat(other.next()).startsWith("{\"event\":\"client-xxx");
        }
    }

    @Test
    void aClientEventPayloadOver10KilobytesIsRefusedWith4301() {
        try (WsClient sender = client(); WsClient other = client()) {
            Join.privateChannel(sender, "private-payload");
            Join.privateChannel(other, "private-payload");
            sender.send(ClientFrames.clientEvent("client-big", "private-payload", "{\"b\":\"" + "x".repeat(11 * 1024) + "\"}"));
            assertRefused(server, sender, other, "private-payload");
            sender.send(ClientFrames.clientEvent("client-small", "private-payload", "{\"b\":\"" + "x".repeat(9 * 1024) + "\"}"));
            assertThat(other.next()).startsWith("{\"event\":\"client-small\"");
        }
    }

    @Test
    void moreThanTenClientEventsPerSecondAreRefusedWith4301AndTheAllowanceReturnsTheNextSecond() {
        try (WsClient sender = client(); WsClient other = client()) {
            Join.privateChannel(sender, "private-rate");
            Join.privateChannel(other, "private-rate");
            int burst = 25;
            for (int i = 0; i < burst; i++) {
                sender.send(ClientFrames.clientEvent("client-n", "private-rate", "{\"i\":" + i + "}"));
            }
            int refusals = refusalsBeforePong(sender);
            // the sender's pong came after every event was relayed or refused; a publish after it arrives after the relays
            HttpApiClient api = HttpApiClient.of(server);
            api.publishSentinel("private-rate");
            int relayed = other.framesBeforeSentinel().size();
            assertThat(sender.framesBeforeSentinel()).as("the sender's own events do not come back").isEmpty();
            assertThat(refusals + relayed).as("every event is either relayed or refused").isEqualTo(burst);
            // the burst takes far less than a second, so it spans at most two 1 s windows
            assertThat(relayed).as("relayed of a burst of %d", burst).isBetween(10, 20);
            assertThat(sender.isClosed()).isFalse();

            long deadline = System.currentTimeMillis() + 2500;
            while (true) {
                sender.send(ClientFrames.clientEvent("client-later", "private-rate", "{}"));
                refusalsBeforePong(sender);
                api.publishSentinel("private-rate");
                List<String> got = other.framesBeforeSentinel();
                assertThat(sender.framesBeforeSentinel()).isEmpty();
                if (!got.isEmpty()) {
                    assertThat(got).singleElement().asString().startsWith("{\"event\":\"client-later\"");
                    return;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("client events were still refused more than 2 s after the burst");
                }
            }
        }
    }

    /** Pings, and counts the 4301 refusals that arrive before the pong. */
    private static int refusalsBeforePong(WsClient sender) {
        sender.send(ClientFrames.ping());
        int refusals = 0;
        String f;
        while (!(f = sender.next()).equals(Expected.PONG)) {
            Expected.error(f, 4301);
            refusals++;
        }
        return refusals;
    }

    @Test
    void eventsThatAreNeitherPusherNorClientEventsAreIgnored() {
        try (WsClient sender = client(); WsClient other = client()) {
            Join.privateChannel(sender, "private-odd");
            Join.privateChannel(other, "private-odd");
            sender.send(ClientFrames.clientEvent("greeting", "private-odd", "{}"));
            Join.stillUp(sender);
            HttpApiClient.of(server).publishSentinel("private-odd");
            assertThat(other.framesBeforeSentinel()).isEmpty();
        }
    }
}
