package io.sockudo.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.EngineHarness.Client;
import io.sockudo.adapter.app.App;
import io.sockudo.protocol.Json;
import io.sockudo.testkit.JsonTree;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Inputs the engine refuses or must read leniently, each with its exact answer: a delta opt-in
 * with nothing in common with the server, oversized presence ids, too many channels on one
 * socket, refused client events (answered on their channel) and numeric user ids.
 */
class RefusedInputsTest {

    private EngineHarness engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    private Client connected(int shard) {
        Client c = engine.connect(shard);
        assertThat(c.receivedEvents()).containsExactly("pusher:connection_established");
        return c;
    }

    private static String subscriptionError(String channel, String type) {
        return "{\"event\":\"pusher:subscription_error\",\"channel\":\"" + channel + "\",\"data\":{\"type\":\"" + type
                + "\",\"error\":";
    }

    private static Map<String, Object> data(String frame) {
        return JsonTree.object(JsonTree.object(frame), "data");
    }

    // ------------------------------------------------------------------ delta negotiation

    @Test
    void aDeltaOptInNamingOnlyUnknownAlgorithmsIsAnsweredDisabledAndChangesNothing() {
        App app = EngineHarness.app().build();
        engine = EngineHarness.of(app);
        Client c = connected(0);
        c.subscribe("ticker");
        c.received();

        c.send("{\"event\":\"pusher:enable_delta_compression\",\"data\":{\"algorithms\":[\"nope\"]}}");

        assertThat(c.received()).containsExactly("{\"event\":\"pusher:delta_compression_enabled\",\"data\":{\"enabled\":false}}");
        String payload = "{\\\"price\\\":" + "1".repeat(200) + "}";
        engine.publishAndDeliver(app, "{\"name\":\"tick\",\"channel\":\"ticker\",\"data\":\"" + payload + "\"}");
        engine.publishAndDeliver(app, "{\"name\":\"tick\",\"channel\":\"ticker\",\"data\":\"" + payload + "\"}");
        List<String> frames = c.received();
        assertThat(frames).hasSize(2).allSatisfy(f -> assertThat(f).doesNotContain("__delta_seq").doesNotContain("pusher:delta"));
    }

    @Test
    void aDeltaOptInTakesTheFirstAlgorithmItHasInCommonWithTheServer() {
        engine = EngineHarness.of(EngineHarness.app().build());
        Client c = connected(0);

        c.send("{\"event\":\"pusher:enable_delta_compression\",\"data\":{\"algorithms\":[\"nope\",\"vcdiff\",\"fossil\"]}}");

        assertThat(c.received()).containsExactly(
                "{\"event\":\"pusher:delta_compression_enabled\",\"data\":{\"enabled\":true,\"algorithm\":\"xdelta3\"}}");
    }

    // ------------------------------------------------------------------ presence user_id

    @Test
    void aPresenceUserIdOverTheCapIsRefusedOnItsChannel() {
        engine = EngineHarness.of(EngineHarness.app().build());
        Client c = connected(0);
        String longest = "u".repeat(EngineOptions.PUSHER_MAX_USER_ID_LENGTH);

        c.subscribePresence("presence-room", "{\"user_id\":" + Json.quote(longest + "x") + "}");

        List<String> frames = c.received();
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).startsWith(subscriptionError("presence-room", "InvalidChannelData"))
                .endsWith(",\"status\":400}}");
        assertThat(data(frames.get(1)).get("code")).isEqualTo(4300L);
        assertThat((String) data(frames.get(1)).get("message")).contains("129 characters, the limit is 128");
        assertThat(c.closeCode()).as("the connection stays").isNull();

        c.subscribePresence("presence-room", "{\"user_id\":" + Json.quote(longest) + "}");
        assertThat(c.receivedEvents()).containsExactly("pusher_internal:subscription_succeeded");
    }

    @Test
    void theUserIdCapIsConfigurableAndAppliesToNumericIdsToo() {
        engine = EngineHarness.of(EngineHarness.app().build(), EngineOptions.builder().maxUserIdLength(3).build());
        Client c = connected(0);

        c.subscribePresence("presence-room", "{\"user_id\":1234}");
        assertThat(c.receivedEvents()).containsExactly("pusher:subscription_error", "pusher:error");

        c.subscribePresence("presence-room", "{\"user_id\":123}");
        assertThat(c.receivedEvents()).containsExactly("pusher_internal:subscription_succeeded");
    }

    // ------------------------------------------------------------------ channels per connection

    @Test
    void aConnectionOverItsChannelCapIsRefusedTheNextChannelUntilItLeavesOne() {
        engine = EngineHarness.of(EngineHarness.app().build(), EngineOptions.builder().maxChannelsPerConnection(2).build());
        Client c = connected(0);
        c.subscribe("a");
        c.subscribe("b");
        c.received();

        c.subscribe("c");
        List<String> frames = c.received();
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).startsWith(subscriptionError("c", "LimitReached")).endsWith(",\"status\":4100}}");
        assertThat(data(frames.get(1)).get("code")).isEqualTo(4100L);
        assertThat(engine.state().channels().get("c")).as("never joined").isNull();

        c.subscribe("a");
        assertThat(c.receivedEvents()).as("subscribing again to a joined channel is no new channel")
                .containsExactly("pusher_internal:subscription_succeeded");

        c.unsubscribe("b");
        c.subscribe("c");
        assertThat(c.receivedEvents()).containsExactly("pusher_internal:subscription_succeeded");
    }

    @Test
    void zeroLiftsTheChannelCap() {
        engine = EngineHarness.of(EngineHarness.app().build(), EngineOptions.builder().maxChannelsPerConnection(0).build());
        Client c = connected(0);
        for (int i = 0; i < 1_100; i++) {
            c.subscribe("ch-" + i);
        }
        assertThat(c.receivedEvents()).hasSize(1_100).containsOnly("pusher_internal:subscription_succeeded");
    }

    @Test
    void theDefaultCapIsAThousandChannels() {
        assertThat(EngineOptions.defaults().maxChannelsPerConnection()).isEqualTo(1_000);
        assertThat(EngineOptions.defaults().maxUserIdLength()).isEqualTo(128);
    }

    // ------------------------------------------------------------------ refused client events

    @Test
    void aRefusedClientEventIsAnsweredOnTheChannelItNamed() {
        engine = EngineHarness.of(EngineHarness.app().build());
        Client c = connected(0);
        c.subscribePrivate("private-chat");
        c.received();

        c.send("{\"event\":\"client-typing\",\"channel\":\"private-chat\",\"data\":{}}");

        List<String> frames = c.received();
        assertThat(frames).hasSize(1);
        Map<String, Object> frame = JsonTree.object(frames.get(0));
        assertThat(frame).containsEntry("event", "pusher:error").containsEntry("channel", "private-chat");
        assertThat(JsonTree.object(frame, "data")).containsEntry("code", 4301L);
    }

    @Test
    void aRefusedClientEventWithoutAChannelIsAnsweredOnTheConnection() {
        engine = EngineHarness.of(EngineHarness.app().enableClientMessages(true).build());
        Client c = connected(0);

        c.send("{\"event\":\"client-typing\",\"data\":{}}");

        Map<String, Object> frame = JsonTree.object(c.received().get(0));
        assertThat(frame).containsEntry("event", "pusher:error").doesNotContainKey("channel");
        assertThat(JsonTree.object(frame, "data")).containsEntry("code", 4301L);
    }

    // ------------------------------------------------------------------ numeric ids

    @Test
    void aNumericSignInIdIsTheUserWithThatDecimalString() {
        engine = EngineHarness.of(EngineHarness.app().build());
        Client c = connected(0);

        c.signin("{\"id\":1}");
        assertThat(c.receivedEvents()).containsExactly("pusher:signin_success");
        assertThat(engine.state().isUserOnline("1")).isTrue();

        c.subscribe("#server-to-user-1");
        assertThat(c.receivedEvents()).containsExactly("pusher_internal:subscription_succeeded");
    }
}
