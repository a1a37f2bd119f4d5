package io.sockudo.adapter;

import static io.sockudo.adapter.EngineHarness.APP_ID;
import static io.sockudo.adapter.EngineHarness.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.EngineHarness.Client;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.AppManager;
import io.sockudo.adapter.app.Webhook;
import io.sockudo.adapter.connection.Handshake;
import io.sockudo.protocol.ChannelAuth;
import io.sockudo.protocol.Json;
import io.sockudo.protocol.WebhookEvent;
import io.sockudo.testkit.JsonTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Pusher protocol as {@link ConnectionHandler} speaks it, without sockets: clients on two
 * shards that the test thread drives, frames compared as the client would read them, time moved
 * by hand.
 */
class ConnectionHandlerTest {

    private static final String ANN = "{\"user_id\":\"ann\",\"user_info\":{\"name\":\"Ann\"}}";
    private static final String BOB = "{\"user_id\":\"bob\",\"user_info\":{\"name\":\"Bob\"}}";

    private EngineHarness engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    private void start(App app) {
        engine = EngineHarness.of(app);
    }

    private void start(App app, EngineOptions options) {
        engine = EngineHarness.of(app, options);
    }

    private void start(AppManager apps) {
        engine = new EngineHarness(2, apps, EngineOptions.defaults());
    }

    /** A client that has read its connection_established. */
    private Client connected(int shard) {
        Client c = engine.connect(shard);
        assertThat(c.receivedEvents()).containsExactly("pusher:connection_established");
        return c;
    }

    private Client connected() {
        return connected(0);
    }

    // ------------------------------------------------------------------ expected frames

    private static String established(String socketId, int activityTimeout) {
        return "{\"event\":\"pusher:connection_established\",\"data\":"
                + Json.quote("{\"socket_id\":\"" + socketId + "\",\"activity_timeout\":" + activityTimeout + "}") + "}";
    }

    private static String error(int code, String message) {
        return "{\"event\":\"pusher:error\",\"data\":{\"code\":" + code + ",\"message\":" + Json.quote(message) + "}}";
    }

    private static String succeeded(String channel) {
        return "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"" + channel + "\",\"data\":\"{}\"}";
    }

    private static String presenceSucceeded(String channel, String presence) {
        return "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"" + channel + "\",\"data\":"
                + Json.quote("{\"presence\":" + presence + "}") + "}";
    }

    private static String memberAdded(String channel, String member) {
        return "{\"event\":\"pusher_internal:member_added\",\"channel\":\"" + channel + "\",\"data\":" + Json.quote(member) + "}";
    }

    private static String memberRemoved(String channel, String userIdJson) {
        return "{\"event\":\"pusher_internal:member_removed\",\"channel\":\"" + channel + "\",\"data\":"
                + Json.quote("{\"user_id\":" + userIdJson + "}") + "}";
    }

    private static final String PONG = "{\"event\":\"pusher:pong\",\"data\":{}}";
    private static final String PING = "{\"event\":\"pusher:ping\",\"data\":{}}";

    private static Map<String, Object> errorData(String frame) {
        Map<String, Object> f = JsonTree.object(frame);
        assertThat(f.get("event")).isEqualTo("pusher:error");
        return JsonTree.object(f, "data");
    }

    private static String clientEvent(String event, String channel) {
        return "{\"event\":\"" + event + "\",\"channel\":\"" + channel + "\",\"data\":{\"text\":\"hi\"}}";
    }

    private Channel channel(String name) {
        AppState state = engine.state();
        return state == null ? null : state.channels().get(name);
    }

    // ------------------------------------------------------------------ opening

    @Nested
    class Opening {

        @Test
        void aClientIsGreetedWithItsSocketIdAndTheActivityTimeout() {
            start(EngineHarness.app().build(), EngineOptions.builder().activityTimeout(Duration.ofSeconds(30)).build());

            Client c = engine.connect();

            assertThat(c.socketId()).matches("\\d+\\.\\d+");
            assertThat(c.received()).containsExactly(established(c.socketId(), 30));
            assertThat(c.closeCode()).isNull();
            assertThat(engine.handler.connectionCount()).isEqualTo(1);
        }

        @Test
        void anUnknownAppKeyIsRefusedWith4001AndClosed() {
            start(EngineHarness.app().build());

            Client c = engine.connect(0, new Handshake("nope", "7", null, "127.0.0.1"));

            assertThat(c.received()).containsExactly(error(4001, "App key nope does not exist"));
            assertThat(c.closeCode()).isEqualTo(4001);
            assertThat(c.out.closeReason()).isEqualTo("App key nope does not exist");
            assertThat(engine.handler.connectionCount()).isZero();
        }

        @Test
        void aDisabledAppIsRefusedWith4003() {
            start(EngineHarness.app().enabled(false).build());

            Client c = engine.connect();

            assertThat(c.received()).containsExactly(error(4003, "Application is disabled"));
            assertThat(c.closeCode()).isEqualTo(4003);
        }

        @Test
        void anAppOverItsConnectionQuotaRefusesWith4004UntilASlotIsFree() {
            start(EngineHarness.app().maxConnections(2).build());
            Client first = connected(0);
            connected(1);

            Client third = engine.connect(1);
            first.disconnect();
            Client fourth = engine.connect(0);

            assertThat(third.received()).containsExactly(error(4004, "Application is over connection quota"));
            assertThat(third.closeCode()).isEqualTo(4004);
            assertThat(fourth.receivedEvents()).containsExactly("pusher:connection_established");
            assertThat(engine.state().connectionCount()).isEqualTo(2);
        }

        @Test
        void aNodeAtItsConnectionLimitRefusesWith4100() {
            start(EngineHarness.app().build(), EngineOptions.builder().maxConnections(1).build());
            connected();

            Client second = engine.connect(1);

            assertThat(second.received()).containsExactly(error(4100, "Over capacity"));
            assertThat(second.closeCode()).isEqualTo(4100);
        }

        @Test
        void anOriginOutsideTheAllowedListIsRefusedWith4009() {
            start(EngineHarness.app().allowedOrigins(List.of("https://app.example.com")).build());

            Client stranger = engine.connect(0, new Handshake(KEY, "7", "https://evil.example.com", "127.0.0.1"));
            Client noOrigin = engine.connect(0, new Handshake(KEY, "7", null, "127.0.0.1"));
            Client friend = engine.connect(0, new Handshake(KEY, "7", "https://app.example.com", "127.0.0.1"));

            assertThat(stranger.received()).containsExactly(error(4009, "Origin not allowed"));
            assertThat(stranger.closeCode()).isEqualTo(4009);
            assertThat(noOrigin.closeCode()).isEqualTo(4009);
            assertThat(friend.receivedEvents()).containsExactly("pusher:connection_established");
            assertThat(friend.closeCode()).isNull();
        }

        @Test
        void protocolVersionsOutsideFourToSevenAreRefused() {
            start(EngineHarness.app().build());

            Client eight = engine.connect(0, new Handshake(KEY, "8", null, "127.0.0.1"));
            Client garbage = engine.connect(0, new Handshake(KEY, "seven", null, "127.0.0.1"));
            Client unspecified = engine.connect(0, new Handshake(KEY, null, null, "127.0.0.1"));

            assertThat(eight.received()).containsExactly(error(4007, "Unsupported protocol version: 8"));
            assertThat(eight.closeCode()).isEqualTo(4007);
            assertThat(garbage.received()).containsExactly(error(4006, "Invalid version string format: seven"));
            assertThat(garbage.closeCode()).isEqualTo(4006);
            assertThat(unspecified.receivedEvents()).containsExactly("pusher:connection_established");
        }

        @Test
        void aFailedAppLookupAsksTheClientToComeBackLater() {
            PendingApps apps = new PendingApps();
            start(apps);
            Client c = engine.connect();

            apps.fail(new IllegalStateException("database down"));
            engine.shards.drain();

            assertThat(c.received()).containsExactly(error(4100, "App lookup failed; try again"));
            assertThat(c.closeCode()).isEqualTo(4100);
        }
    }

    // ------------------------------------------------------------------ connecting

    /** An app manager whose answer the test gives when it likes. */
    private static final class PendingApps implements AppManager {
        final CompletableFuture<App> answer = new CompletableFuture<>();

        @Override
        public CompletableFuture<App> findByKey(String key) {
            return answer;
        }

        @Override
        public CompletableFuture<App> findById(String id) {
            return answer;
        }

        @Override
        public CompletableFuture<List<App>> all() {
            return answer.thenApply(List::of);
        }

        void fail(Throwable t) {
            answer.completeExceptionally(t);
        }
    }

    @Nested
    class WhileTheAppIsLookedUp {

        @Test
        void framesAreHeldAndHandledInOrderOnceEstablished() {
            PendingApps apps = new PendingApps();
            start(apps);
            Client c = engine.connect();
            c.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"news\"}}");
            c.send("{\"event\":\"pusher:ping\",\"data\":{}}");
            c.send("{\"event\":\"pusher:unsubscribe\",\"data\":{\"channel\":\"news\"}}");
            c.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"sport\"}}");
            assertThat(c.received()).as("nothing before the app is known").isEmpty();

            apps.answer.complete(EngineHarness.app().build());
            engine.shards.drain();

            assertThat(c.received()).containsExactly(established(c.socketId(), 120), succeeded("news"), PONG, succeeded("sport"));
            assertThat(channel("news")).isNull();
            assertThat(channel("sport").subscriptionCount()).isEqualTo(1);
        }

        @Test
        void anAnswerFromAnotherThreadIsHandledOnTheConnectionsShard() throws Exception {
            PendingApps apps = new PendingApps();
            start(apps);
            Client c = engine.connect(1);
            c.send("{\"event\":\"pusher:ping\",\"data\":{}}");

            Thread store = new Thread(() -> apps.answer.complete(EngineHarness.app().build()));
            store.start();
            store.join(TimeUnit.SECONDS.toMillis(5));
            assertThat(c.received()).as("posted to the shard, not run on the store's thread").isEmpty();
            engine.shards.drain();

            assertThat(c.received()).containsExactly(established(c.socketId(), 120), PONG);
        }

        @Test
        void tooManyFramesBeforeEstablishmentCloseTheConnection() {
            PendingApps apps = new PendingApps();
            start(apps);
            Client c = engine.connect();

            for (int i = 0; i < 33; i++) {
                c.send("{\"event\":\"pusher:ping\",\"data\":{}}");
            }
            apps.answer.complete(EngineHarness.app().build());
            engine.shards.drain();

            assertThat(c.received()).containsExactly(
                    error(4000, "Invalid message format: too many frames before the connection was established"));
            assertThat(c.closeCode()).isEqualTo(4000);
            assertThat(engine.handler.connectionCount()).isZero();
        }

        @Test
        void aClientGoneBeforeTheAnswerIsNeverCounted() {
            PendingApps apps = new PendingApps();
            start(apps);
            Client c = engine.connect();

            c.disconnect();
            apps.answer.complete(EngineHarness.app().build());
            engine.shards.drain();

            assertThat(c.received()).isEmpty();
            assertThat(engine.handler.connectionCount()).isZero();
        }
    }

    // ------------------------------------------------------------------ frames

    @Nested
    class Frames {

        @Test
        void pingIsAnsweredWithPong() {
            start(EngineHarness.app().build());
            Client c = connected();

            c.send("{\"event\":\"pusher:ping\",\"data\":{}}");

            assertThat(c.received()).containsExactly(PONG);
        }

        @Test
        void aMalformedFrameIsAnsweredWith4000AndForgiven() {
            start(EngineHarness.app().build());
            Client c = connected();

            c.send("{\"event\":");
            c.send("{\"event\":\"pusher:ping\"}");

            List<String> frames = c.received();
            assertThat(frames).hasSize(2);
            assertThat(errorData(frames.get(0)).get("code")).isEqualTo(4000L);
            assertThat(frames.get(1)).isEqualTo(PONG);
            assertThat(c.closeCode()).isNull();
            assertThat(engine.handler.stats().malformedFrames()).isEqualTo(1);
        }

        @Test
        void unknownEventsAreIgnored() {
            start(EngineHarness.app().build());
            Client c = connected();

            c.send("{\"event\":\"pusher:something_new\",\"data\":{}}");

            assertThat(c.received()).isEmpty();
            assertThat(c.closeCode()).isNull();
        }
    }

    // ------------------------------------------------------------------ subscriptions

    @Nested
    class Subscriptions {

        @Test
        void aPublicChannelIsJoinedWithoutAuth() {
            start(EngineHarness.app().build());
            Client c = connected();

            c.subscribe("news");

            assertThat(c.received()).containsExactly(succeeded("news"));
            assertThat(channel("news").subscriptionCount()).isEqualTo(1);
            assertThat(c.connection.subscription("news")).isNotNull();
        }

        @Test
        void aPrivateChannelIsJoinedWithTheSignatureOfThisSocket() {
            start(EngineHarness.app().build());
            Client c = connected();

            c.subscribePrivate("private-orders");

            assertThat(c.received()).containsExactly(succeeded("private-orders"));
            assertThat(channel("private-orders").subscriptionCount()).isEqualTo(1);
        }

        @Test
        void aSignatureMadeForAnotherSocketIsRefusedAndTheConnectionStays() {
            start(EngineHarness.app().build());
            Client c = connected();
            String stolen = ChannelAuth.signChannel(KEY, EngineHarness.SECRET, "123.456", "private-orders", null);

            c.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"private-orders\",\"auth\":\"" + stolen + "\"}}");

            List<String> frames = c.received();
            assertThat(frames).hasSize(2);
            Map<String, Object> subscriptionError = JsonTree.object(frames.get(0));
            assertThat(subscriptionError.get("event")).isEqualTo("pusher:subscription_error");
            assertThat(subscriptionError.get("channel")).isEqualTo("private-orders");
            assertThat(JsonTree.object(subscriptionError, "data"))
                    .containsEntry("type", "AuthError")
                    .containsEntry("status", 401L);
            assertThat(errorData(frames.get(1)).get("code")).isEqualTo(4009L);
            assertThat((String) errorData(frames.get(1)).get("message")).startsWith("Invalid signature");
            assertThat(c.closeCode()).isNull();
            assertThat(channel("private-orders")).isNull();
            assertThat(c.connection.subscription("private-orders")).isNull();
        }

        @Test
        void aPrivateChannelWithoutAuthIsRefused() {
            start(EngineHarness.app().build());
            Client c = connected();

            c.subscribe("private-orders");

            assertThat(c.receivedEvents()).containsExactly("pusher:subscription_error", "pusher:error");
            assertThat(channel("private-orders")).isNull();
        }

        @Test
        void aSignatureWithAnotherKeyIsRefused() {
            start(EngineHarness.app().build());
            Client c = connected();
            String auth = ChannelAuth.signChannel("other-key", EngineHarness.SECRET, c.socketId(), "private-orders", null);

            c.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"private-orders\",\"auth\":\"" + auth + "\"}}");

            assertThat(c.receivedEvents()).containsExactly("pusher:subscription_error", "pusher:error");
        }

        @Test
        void anInvalidChannelNameIsRefused() {
            start(EngineHarness.app().build());
            Client c = connected();

            c.subscribe("bad channel!");

            List<String> frames = c.received();
            assertThat(JsonTree.object(JsonTree.object(frames.get(0)), "data"))
                    .containsEntry("type", "InvalidChannel").containsEntry("status", 400L);
            assertThat(errorData(frames.get(1)).get("code")).isEqualTo(4300L);
        }

        @Test
        void subscribingTwiceRepeatsTheAnswerButCountsOnce() {
            start(EngineHarness.app().build());
            Client c = connected();
            c.subscribe("news");

            c.subscribe("news");

            assertThat(c.received()).containsExactly(succeeded("news"), succeeded("news"));
            assertThat(channel("news").subscriptionCount()).isEqualTo(1);
            assertThat(c.connection.subscriptionCount()).isEqualTo(1);
        }

        @Test
        void unsubscribingLeavesTheChannel() {
            start(EngineHarness.app().build());
            Client a = connected(0);
            Client b = connected(1);
            a.subscribe("news");
            b.subscribe("news");

            a.unsubscribe("news");

            assertThat(channel("news").subscriptionCount()).isEqualTo(1);
            b.unsubscribe("news");
            assertThat(channel("news")).isNull();
            a.unsubscribe("news");
            assertThat(a.connection.subscriptionCount()).isZero();
        }

        @Test
        void aCacheChannelWithNothingStoredAnswersWithACacheMiss() {
            start(EngineHarness.app().build());
            Client c = connected();

            c.subscribe("cache-prices");

            assertThat(c.received()).containsExactly(succeeded("cache-prices"),
                    "{\"event\":\"pusher:cache_miss\",\"channel\":\"cache-prices\"}");
        }
    }

    // ------------------------------------------------------------------ presence

    @Nested
    class Presence {

        @Test
        void theJoinerGetsTheMemberListAndTheOthersGetMemberAdded() {
            start(EngineHarness.app().build());
            Client ann = connected(0);
            Client bob = connected(1);
            ann.subscribePresence("presence-room", ANN);
            assertThat(ann.received()).containsExactly(presenceSucceeded("presence-room",
                    "{\"ids\":[\"ann\"],\"hash\":{\"ann\":{\"name\":\"Ann\"}},\"count\":1}"));

            bob.subscribePresence("presence-room", BOB);

            assertThat(bob.received()).containsExactly(presenceSucceeded("presence-room",
                    "{\"ids\":[\"ann\",\"bob\"],\"hash\":{\"ann\":{\"name\":\"Ann\"},\"bob\":{\"name\":\"Bob\"}},\"count\":2}"));
            assertThat(ann.received()).containsExactly(memberAdded("presence-room",
                    "{\"user_id\":\"bob\",\"user_info\":{\"name\":\"Bob\"}}"));
        }

        @Test
        void presenceMemberAddedIsNotSentToTheJoiningSocket() {
            start(EngineHarness.app().build());
            Client ann = connected(0);
            Client annOnShard0Too = connected(0);
            ann.subscribePresence("presence-room", ANN);
            ann.received();

            Client bob = connected(0);
            bob.subscribePresence("presence-room", BOB);

            assertThat(bob.receivedEvents()).containsExactly("pusher_internal:subscription_succeeded");
            assertThat(ann.receivedEvents()).containsExactly("pusher_internal:member_added");
            assertThat(annOnShard0Too.received()).as("not subscribed").isEmpty();
        }

        @Test
        void leavingIsAnnouncedToTheOthersOnly() {
            start(EngineHarness.app().build());
            Client ann = connected(0);
            Client bob = connected(1);
            ann.subscribePresence("presence-room", ANN);
            bob.subscribePresence("presence-room", BOB);
            ann.received();
            bob.received();

            bob.unsubscribe("presence-room");

            assertThat(ann.received()).containsExactly(memberRemoved("presence-room", "\"bob\""));
            assertThat(bob.received()).isEmpty();
            assertThat(channel("presence-room").roster().contains("bob")).isFalse();
        }

        @Test
        void aSecondSocketOfAPresentUserIsNeitherAnnouncedNorItsLeave() {
            start(EngineHarness.app().build());
            Client ann = connected(0);
            Client bobTab1 = connected(1);
            Client bobTab2 = connected(0);
            ann.subscribePresence("presence-room", ANN);
            bobTab1.subscribePresence("presence-room", BOB);
            assertThat(ann.receivedEvents()).containsExactly("pusher_internal:subscription_succeeded", "pusher_internal:member_added");

            bobTab2.subscribePresence("presence-room", BOB);
            assertThat(ann.received()).as("bob is already there").isEmpty();
            String memberList = (String) JsonTree.object(bobTab2.received().get(0)).get("data");
            assertThat(JsonTree.at(JsonTree.object(memberList), "presence", "count")).isEqualTo(2L);

            bobTab1.unsubscribe("presence-room");
            assertThat(ann.received()).as("bob still has a tab open").isEmpty();

            bobTab2.disconnect();
            assertThat(ann.received()).containsExactly(memberRemoved("presence-room", "\"bob\""));
        }

        @Test
        void numericUserIdsStayNumbers() {
            start(EngineHarness.app().build());
            Client ann = connected(0);
            Client seven = connected(1);
            ann.subscribePresence("presence-room", ANN);
            ann.received();

            seven.subscribePresence("presence-room", "{\"user_id\":7}");
            seven.unsubscribe("presence-room");

            assertThat(ann.received()).containsExactly(
                    memberAdded("presence-room", "{\"user_id\":7,\"user_info\":{}}"),
                    memberRemoved("presence-room", "7"));
        }

        @Test
        void aFullChannelRefusesNewUsersButNotMoreTabsOfMembers() {
            start(EngineHarness.app().maxPresenceMembersPerChannel(1).build());
            Client ann = connected(0);
            Client annTab2 = connected(1);
            Client bob = connected(1);
            ann.subscribePresence("presence-room", ANN);

            bob.subscribePresence("presence-room", BOB);
            annTab2.subscribePresence("presence-room", ANN);

            List<String> refusal = bob.received();
            assertThat(JsonTree.object(JsonTree.object(refusal.get(0)), "data"))
                    .containsEntry("type", "LimitReached").containsEntry("status", 4100L);
            assertThat(errorData(refusal.get(1)).get("code")).isEqualTo(4100L);
            assertThat(bob.closeCode()).isNull();
            assertThat(annTab2.receivedEvents()).containsExactly("pusher_internal:subscription_succeeded");
            assertThat(channel("presence-room").subscriptionCount()).isEqualTo(2);
            assertThat(bob.connection.subscription("presence-room")).isNull();
        }

        @Test
        void aMemberWithTooMuchUserInfoIsRefused() {
            start(EngineHarness.app().maxPresenceMemberSizeInKb(1).build());
            Client c = connected();

            c.subscribePresence("presence-room", "{\"user_id\":\"big\",\"user_info\":{\"bio\":\"" + "x".repeat(1100) + "\"}}");

            List<String> frames = c.received();
            assertThat(JsonTree.object(JsonTree.object(frames.get(0)), "data"))
                    .containsEntry("type", "LimitReached").containsEntry("status", 413L);
            assertThat(channel("presence-room")).isNull();
        }

        @Test
        void presenceWithoutChannelDataIsRefused() {
            start(EngineHarness.app().build());
            Client c = connected();

            c.subscribePrivate("presence-room");

            assertThat(c.receivedEvents()).containsExactly("pusher:subscription_error", "pusher:error");
            assertThat(channel("presence-room")).isNull();
        }
    }

    // ------------------------------------------------------------------ client events

    @Nested
    class ClientEvents {

        private App chatty() {
            return EngineHarness.app().enableClientMessages(true).build();
        }

        @Test
        void aClientEventReachesTheOtherSubscribersButNotTheSender() {
            start(chatty());
            Client ann = connected(0);
            Client bob = connected(1);
            Client cid = connected(0);
            for (Client c : List.of(ann, bob, cid)) {
                c.subscribePrivate("private-chat");
                c.received();
            }

            ann.send(clientEvent("client-typing", "private-chat"));

            assertThat(bob.received()).containsExactly(clientEvent("client-typing", "private-chat"));
            assertThat(cid.received()).containsExactly(clientEvent("client-typing", "private-chat"));
            assertThat(ann.received()).as("never echoed").isEmpty();
        }

        @Test
        void onPresenceChannelsTheRelayCarriesTheSendersUserId() {
            start(chatty());
            Client ann = connected(0);
            Client bob = connected(1);
            ann.subscribePresence("presence-room", ANN);
            bob.subscribePresence("presence-room", BOB);
            ann.received();
            bob.received();

            ann.send(clientEvent("client-typing", "presence-room"));

            assertThat(bob.received()).containsExactly(
                    "{\"event\":\"client-typing\",\"channel\":\"presence-room\",\"data\":{\"text\":\"hi\"},\"user_id\":\"ann\"}");
            assertThat(ann.received()).isEmpty();
        }

        @Test
        void aClientEventIsReportedToTheWebhook() throws Exception {
            App app = chatty().toBuilder()
                    .webhooks(List.of(Webhook.of("http://127.0.0.1:1/hooks", Set.of(WebhookEvent.CLIENT_EVENT))))
                    .build();
            start(app);
            Client ann = connected(0);
            ann.subscribePresence("presence-room", ANN);

            ann.send(clientEvent("client-typing", "presence-room"));

            assertThat(engine.webhooks.poll(1, TimeUnit.SECONDS)).isEqualTo(WebhookEvent.clientEvent(
                    "presence-room", "client-typing", "{\"text\":\"hi\"}", ann.socketId(), "\"ann\""));
        }

        private void assertRefused(Client sender, String why, Client... others) {
            List<String> frames = sender.received();
            assertThat(frames).hasSize(1);
            Map<String, Object> data = errorData(frames.get(0));
            assertThat(data.get("code")).isEqualTo(4301L);
            assertThat((String) data.get("message")).contains(why);
            assertThat(sender.closeCode()).as("the connection stays").isNull();
            for (Client o : others) {
                assertThat(o.received()).isEmpty();
            }
        }

        @Test
        void anAppWithoutClientMessagesRefusesThemWith4301() {
            start(EngineHarness.app().build());
            Client ann = connected(0);
            Client bob = connected(1);
            ann.subscribePrivate("private-chat");
            bob.subscribePrivate("private-chat");
            ann.received();
            bob.received();

            ann.send(clientEvent("client-typing", "private-chat"));

            assertRefused(ann, "not have client messaging enabled", bob);
        }

        @Test
        void publicChannelsRefuseClientEvents() {
            start(chatty());
            Client ann = connected(0);
            Client bob = connected(1);
            ann.subscribe("news");
            bob.subscribe("news");
            ann.received();
            bob.received();

            ann.send(clientEvent("client-typing", "news"));

            assertRefused(ann, "only allowed on private and presence channels", bob);
        }

        @Test
        void encryptedChannelsRefuseClientEvents() {
            start(chatty());
            Client ann = connected(0);
            ann.subscribePrivate("private-encrypted-vault");
            ann.received();

            ann.send(clientEvent("client-typing", "private-encrypted-vault"));

            assertRefused(ann, "encrypted channels");
        }

        @Test
        void aSenderOutsideTheChannelIsRefused() {
            start(chatty());
            Client ann = connected(0);
            Client bob = connected(1);
            bob.subscribePrivate("private-chat");
            bob.received();

            ann.send(clientEvent("client-typing", "private-chat"));

            assertRefused(ann, "not a member of channel private-chat", bob);
        }

        @Test
        void aClientEventWithoutChannelIsRefused() {
            start(chatty());
            Client ann = connected(0);

            ann.send("{\"event\":\"client-typing\",\"data\":{}}");

            assertRefused(ann, "require a channel");
        }

        @Test
        void eventsBeyondTheRateLimitAreRefusedUntilTheNextSecond() {
            start(chatty().toBuilder().maxClientEventsPerSecond(2).build());
            Client ann = connected(0);
            Client bob = connected(1);
            ann.subscribePrivate("private-chat");
            bob.subscribePrivate("private-chat");
            ann.received();
            bob.received();

            ann.send(clientEvent("client-a", "private-chat"));
            ann.send(clientEvent("client-b", "private-chat"));
            ann.send(clientEvent("client-c", "private-chat"));
            assertThat(bob.receivedEvents()).containsExactly("client-a", "client-b");
            assertRefused(ann, "rate limit");

            engine.advance(Duration.ofSeconds(1));
            ann.send(clientEvent("client-d", "private-chat"));

            assertThat(bob.receivedEvents()).containsExactly("client-d");
        }
    }

    // ------------------------------------------------------------------ sign-in

    @Nested
    class Signin {

        @Test
        void aCorrectlySignedUserSignsIn() {
            start(EngineHarness.app().build());
            Client c = connected();

            c.signin("{\"id\":\"u1\",\"name\":\"Ann\"}");

            assertThat(c.received()).containsExactly("{\"event\":\"pusher:signin_success\",\"data\":{\"user_data\":"
                    + Json.quote("{\"id\":\"u1\",\"name\":\"Ann\"}") + "}}");
            assertThat(c.connection.userId()).isEqualTo("u1");
            assertThat(engine.state().isUserOnline("u1")).isTrue();
        }

        @Test
        void aBadSignatureClosesTheConnectionWith4009() {
            start(EngineHarness.app().build());
            Client c = connected();
            String forged = ChannelAuth.signUser(KEY, "wrong-secret", c.socketId(), "{\"id\":\"u1\"}");

            c.send("{\"event\":\"pusher:signin\",\"data\":{\"user_data\":" + Json.quote("{\"id\":\"u1\"}")
                    + ",\"auth\":\"" + forged + "\"}}");

            List<String> frames = c.received();
            assertThat(frames).hasSize(1);
            assertThat(errorData(frames.get(0)).get("code")).isEqualTo(4009L);
            assertThat((String) errorData(frames.get(0)).get("message")).startsWith("Connection not authorized: ");
            assertThat(c.closeCode()).isEqualTo(4009);
            assertThat(engine.state().isUserOnline("u1")).isFalse();
        }

        @Test
        void userDataWithoutAnIdClosesTheConnectionWith4009() {
            start(EngineHarness.app().build());
            Client c = connected();

            c.signin("{\"name\":\"nobody\"}");

            assertThat(errorData(c.received().get(0)).get("code")).isEqualTo(4009L);
            assertThat(c.closeCode()).isEqualTo(4009);
        }

        @Test
        void closingSignsTheUserOut() {
            start(EngineHarness.app().build());
            Client tab1 = connected(0);
            Client tab2 = connected(1);
            tab1.signin("{\"id\":\"u1\"}");
            tab2.signin("{\"id\":\"u1\"}");

            tab1.disconnect();
            assertThat(engine.state().userConnections("u1")).containsExactly(tab2.connection);
            tab2.disconnect();

            assertThat(engine.state().isUserOnline("u1")).isFalse();
        }
        @Test
        void aServerToUserChannelIsOnlyForTheConnectionSignedInAsThatUser() {
            start(EngineHarness.app().build());
            Client anonymous = connected(0);
            Client u1 = connected(1);
            u1.signin("{\"id\":\"u1\"}");
            u1.received();

            anonymous.subscribe("#server-to-user-u1");
            assertThat(anonymous.receivedEvents()).containsExactly("pusher:subscription_error", "pusher:error");
            u1.subscribe("#server-to-user-u2");
            assertThat(u1.receivedEvents()).containsExactly("pusher:subscription_error", "pusher:error");
            u1.subscribe("#server-to-user-u1");
            assertThat(u1.received()).containsExactly(succeeded("#server-to-user-u1"));
        }

        @Test
        void aMessageToAUserReachesEveryConnectionSignedInAsThatUser() {
            App app = EngineHarness.app().build();
            start(app);
            Client tab1 = connected(0);
            Client tab2 = connected(1);
            Client other = connected(1);
            for (Client c : List.of(tab1, tab2)) {
                c.signin("{\"id\":\"u1\"}");
                c.subscribe("#server-to-user-u1");
                c.received();
            }
            other.signin("{\"id\":\"u2\"}");
            other.subscribe("#server-to-user-u2");
            other.received();

            engine.publishAndDeliver(app, "{\"name\":\"note\",\"channel\":\"#server-to-user-u1\",\"data\":\"hi\"}");

            String note = "{\"event\":\"note\",\"channel\":\"#server-to-user-u1\",\"data\":\"hi\"}";
            assertThat(tab1.received()).containsExactly(note);
            assertThat(tab2.received()).containsExactly(note);
            assertThat(other.received()).isEmpty();
        }

        @Test
        void signingInAsAnotherUserEndsTheServerToUserChannelOfThePreviousOne() {
            App app = EngineHarness.app().build();
            start(app);
            Client c = connected();
            c.signin("{\"id\":\"u1\"}");
            c.subscribe("#server-to-user-u1");
            c.received();

            c.signin("{\"id\":\"u2\"}");
            c.received();
            engine.publishAndDeliver(app, "{\"name\":\"note\",\"channel\":\"#server-to-user-u1\",\"data\":\"for u1 only\"}");

            assertThat(c.connection.userId()).isEqualTo("u2");
            assertThat(c.received()).as("a connection no longer signed in as u1 gets none of u1's messages").isEmpty();
        }

        @Test
        void terminatingAUserClosesItsConnectionsWith4009AndNoOthers() {
            start(EngineHarness.app().build());
            Client tab1 = connected(0);
            Client tab2 = connected(1);
            Client other = connected(0);
            tab1.signin("{\"id\":\"u1\"}");
            tab2.signin("{\"id\":\"u1\"}");
            other.signin("{\"id\":\"u2\"}");
            for (Client c : List.of(tab1, tab2, other)) {
                c.received();
            }

            engine.handler.terminateUserConnections(APP_ID, "u1");
            engine.shards.drain();

            String bye = error(4009, "You got disconnected by the app.");
            assertThat(tab1.received()).containsExactly(bye);
            assertThat(tab2.received()).containsExactly(bye);
            assertThat(tab1.closeCode()).isEqualTo(4009);
            assertThat(tab2.closeCode()).isEqualTo(4009);
            assertThat(other.received()).isEmpty();
            assertThat(other.closeCode()).isNull();
        }

        @Test
        void aWatcherLearnsTheStateOfItsListAtSigninAndEachChangeAfter() {
            start(EngineHarness.app().enableWatchlistEvents(true).build());
            Client bob = connected(1);
            bob.signin("{\"id\":\"bob\"}");
            bob.received();
            Client ann = connected(0);

            ann.signin("{\"id\":\"ann\",\"watchlist\":[\"bob\",\"cid\"]}");

            List<String> atSignin = ann.received();
            assertThat(atSignin.get(0)).startsWith("{\"event\":\"pusher:signin_success\"");
            assertThat(atSignin.get(1)).isEqualTo(watchlist(
                    "{\"events\":[{\"name\":\"online\",\"user_ids\":[\"bob\"]},{\"name\":\"offline\",\"user_ids\":[\"cid\"]}]}"));

            Client cid = connected(1);
            cid.signin("{\"id\":\"cid\"}");
            bob.disconnect();

            assertThat(ann.received()).containsExactly(
                    watchlist("{\"events\":[{\"name\":\"online\",\"user_ids\":[\"cid\"]}]}"),
                    watchlist("{\"events\":[{\"name\":\"offline\",\"user_ids\":[\"bob\"]}]}"));
        }

        @Test
        void aWatchedUserIsOnlineUntilItsLastConnectionCloses() {
            start(EngineHarness.app().enableWatchlistEvents(true).build());
            Client ann = connected(0);
            ann.signin("{\"id\":\"ann\",\"watchlist\":[\"bob\"]}");
            ann.received();
            Client bobTab1 = connected(1);
            Client bobTab2 = connected(1);

            bobTab1.signin("{\"id\":\"bob\"}");
            bobTab2.signin("{\"id\":\"bob\"}");
            bobTab1.disconnect();
            assertThat(ann.received()).containsExactly(watchlist("{\"events\":[{\"name\":\"online\",\"user_ids\":[\"bob\"]}]}"));

            bobTab2.disconnect();
            assertThat(ann.received()).containsExactly(watchlist("{\"events\":[{\"name\":\"offline\",\"user_ids\":[\"bob\"]}]}"));
        }
    }

    private static String watchlist(String data) {
        return "{\"event\":\"pusher_internal:watchlist_events\",\"data\":" + Json.quote(data) + "}";
    }


    // ------------------------------------------------------------------ activity

    @Nested
    class Activity {

        @Test
        void aSilentClientIsPingedAfterTheActivityTimeout() {
            start(EngineHarness.app().build());
            Client c = connected();

            engine.advance(Duration.ofSeconds(119));
            assertThat(c.received()).isEmpty();

            engine.advance(Duration.ofSeconds(1));
            assertThat(c.received()).containsExactly(PING);
        }

        @Test
        void aClientThatDoesNotAnswerThePingIsClosedWith4201() {
            start(EngineHarness.app().build());
            Client c = connected();
            engine.advance(Duration.ofSeconds(120));
            assertThat(c.received()).containsExactly(PING);

            engine.advance(Duration.ofSeconds(29));
            assertThat(c.closeCode()).isNull();
            engine.advance(Duration.ofSeconds(1));

            assertThat(c.received()).containsExactly(error(4201, "Pong reply not received in time"));
            assertThat(c.closeCode()).isEqualTo(4201);
        }

        @Test
        void aClientThatAnswersThePingStaysConnected() {
            start(EngineHarness.app().build());
            Client c = connected();
            engine.advance(Duration.ofSeconds(120));
            c.received();

            c.send("{\"event\":\"pusher:pong\",\"data\":{}}");
            engine.advance(Duration.ofSeconds(60));

            assertThat(c.received()).as("no pong is answered, no error").isEmpty();
            assertThat(c.closeCode()).isNull();
        }

        @Test
        void aWebSocketPongCountsAsAnAnswer() {
            start(EngineHarness.app().build());
            Client c = connected();
            engine.advance(Duration.ofSeconds(120));
            c.received();

            engine.handler.onActivity(c.connection);
            engine.advance(Duration.ofSeconds(60));

            assertThat(c.closeCode()).isNull();
        }

        @Test
        void anyFrameFromTheClientRestartsTheActivityClock() {
            start(EngineHarness.app().build());
            Client c = connected();

            engine.advance(Duration.ofSeconds(100));
            c.subscribe("news");
            c.received();
            engine.advance(Duration.ofSeconds(100));

            assertThat(c.received()).isEmpty();
            engine.advance(Duration.ofSeconds(20));
            assertThat(c.received()).containsExactly(PING);
        }

        @Test
        void aConnectionThatNeverSignsInIsClosedAfterTheUserAuthenticationTimeout() {
            start(EngineHarness.app().enableUserAuthentication(true).build(),
                    EngineOptions.builder().userAuthenticationTimeout(Duration.ofSeconds(10)).build());
            Client idle = connected(0);
            Client signedIn = connected(1);
            Client privateMember = connected(0);
            signedIn.signin("{\"id\":\"u1\"}");
            privateMember.subscribePrivate("private-orders");
            signedIn.received();
            privateMember.received();

            engine.advance(Duration.ofSeconds(9));
            assertThat(idle.closeCode()).isNull();
            engine.advance(Duration.ofSeconds(1));

            assertThat(idle.received()).containsExactly(error(4009, "Connection not authorized within timeout."));
            assertThat(idle.closeCode()).isEqualTo(4009);
            assertThat(signedIn.closeCode()).isNull();
            assertThat(privateMember.closeCode()).as("a private subscription authorizes too").isNull();
        }

        @Test
        void appsWithoutUserAuthenticationHaveNoSigninDeadline() {
            start(EngineHarness.app().build(), EngineOptions.builder().userAuthenticationTimeout(Duration.ofSeconds(10)).build());
            Client c = connected();

            engine.advance(Duration.ofSeconds(60));

            assertThat(c.closeCode()).isNull();
        }
    }

    // ------------------------------------------------------------------ closing

    @Nested
    class Closing {

        @Test
        void closingReleasesSubscriptionsAndPresenceAtOnce() {
            start(EngineHarness.app().build());
            Client ann = connected(0);
            Client bob = connected(1);
            ann.subscribePresence("presence-room", ANN);
            bob.subscribePresence("presence-room", BOB);
            bob.subscribe("news");
            ann.subscribe("news");
            ann.received();

            bob.disconnect();

            assertThat(ann.received()).containsExactly(memberRemoved("presence-room", "\"bob\""));
            assertThat(channel("presence-room").roster().contains("bob")).isFalse();
            assertThat(channel("presence-room").subscriptionCount()).isEqualTo(1);
            assertThat(channel("news").subscriptionCount()).isEqualTo(1);
            assertThat(engine.state().connectionCount()).isEqualTo(1);

            ann.disconnect();
            assertThat(channel("presence-room")).isNull();
            assertThat(channel("news")).isNull();
            assertThat(engine.handler.connectionCount()).isZero();
        }

        @Test
        void closingTwiceReleasesOnce() {
            start(EngineHarness.app().build());
            Client ann = connected(0);
            Client bob = connected(1);
            ann.subscribe("news");
            bob.subscribe("news");

            ann.disconnect();
            engine.handler.onClose(ann.connection);

            assertThat(channel("news").subscriptionCount()).isEqualTo(1);
            assertThat(engine.state().connectionCount()).isEqualTo(1);
            assertThat(engine.handler.stats().connectionsClosed()).isEqualTo(1);
        }

        @Test
        void aClosedConnectionIsNoLongerSwept() {
            start(EngineHarness.app().build());
            Client c = connected();
            c.disconnect();

            engine.advance(Duration.ofSeconds(200));

            assertThat(c.received()).isEmpty();
        }

        @Test
        void drainingAsksEveryClientToReconnectAndRefusesNewOnes() {
            start(EngineHarness.app().build());
            Client a = connected(0);
            Client b = connected(1);

            engine.handler.drain();
            engine.shards.drain();
            Client late = engine.connect();

            String reconnect = error(4200, "Server shutting down. Please reconnect shortly.");
            assertThat(a.received()).containsExactly(reconnect);
            assertThat(b.received()).containsExactly(reconnect);
            assertThat(a.closeCode()).isEqualTo(4200);
            assertThat(late.received()).containsExactly(reconnect);
            assertThat(late.closeCode()).isEqualTo(4200);
        }
    }

    @Nested
    class Webhooks {

        private App hooked() {
            return EngineHarness.app()
                    .webhooks(List.of(Webhook.of("http://127.0.0.1:1/hooks", Set.of(WebhookEvent.CHANNEL_OCCUPIED,
                            WebhookEvent.CHANNEL_VACATED, WebhookEvent.MEMBER_ADDED, WebhookEvent.MEMBER_REMOVED))))
                    .build();
        }

        private List<WebhookEvent> emitted() {
            List<WebhookEvent> out = new ArrayList<>();
            engine.webhooks.drainTo(out);
            return out;
        }

        @Test
        void theFirstSubscriberOccupiesAChannelAndTheFirstTabAddsAMember() {
            start(hooked());
            Client ann = connected(0);
            Client annTab2 = connected(1);

            ann.subscribe("news");
            ann.subscribePresence("presence-room", ANN);
            annTab2.subscribe("news");
            annTab2.subscribePresence("presence-room", ANN);

            assertThat(emitted()).containsExactly(
                    WebhookEvent.channelOccupied("news"),
                    WebhookEvent.channelOccupied("presence-room"),
                    WebhookEvent.memberAdded("presence-room", "\"ann\""));
        }

        @Test
        void aRefusedSubscriptionOccupiesNothing() {
            start(hooked());
            Client c = connected();

            c.subscribe("private-orders");

            assertThat(emitted()).isEmpty();
        }

        @Test
        void theLastSubscriberLeavingVacatesTheChannelAfterTheDebounce() throws Exception {
            start(hooked(), EngineOptions.builder().webhookDebounce(Duration.ofMillis(20)).build());
            Client ann = connected(0);
            ann.subscribePresence("presence-room", ANN);
            emitted();

            ann.disconnect();

            assertThat(List.of(engine.webhooks.poll(2, TimeUnit.SECONDS), engine.webhooks.poll(2, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder(WebhookEvent.memberRemoved("presence-room", "\"ann\""),
                            WebhookEvent.channelVacated("presence-room"));
        }

        @Test
        void flushingOnShutdownSendsPendingRemovalsAtOnce() {
            start(hooked(), EngineOptions.builder().webhookDebounce(Duration.ofSeconds(30)).build());
            Client ann = connected(0);
            ann.subscribe("news");
            emitted();
            ann.disconnect();

            engine.handler.flushWebhooks();

            assertThat(emitted()).containsExactly(WebhookEvent.channelVacated("news"));
        }
    }

    @Test
    void theEngineCountsWhatItDid() {
        start(EngineHarness.app().build());
        Client c = connected();
        c.subscribe("news");
        c.subscribe("private-x");
        c.unsubscribe("news");
        c.disconnect();

        EngineStats stats = engine.handler.stats();
        assertThat(stats.connectionsOpened()).isEqualTo(1);
        assertThat(stats.subscriptions()).isEqualTo(1);
        assertThat(stats.subscriptionRefusals()).isEqualTo(1);
        assertThat(stats.unsubscriptions()).isEqualTo(1);
        assertThat(stats.connectionsClosed()).isEqualTo(1);
        assertThat(engine.adapter.existingState(APP_ID).connectionCount()).isZero();
    }
}
