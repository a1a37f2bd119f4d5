package io.sockudo.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.EngineHarness.Client;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.connection.Frame;
import io.sockudo.adapter.stats.LatencyHistogram;
import io.sockudo.delta.DeltaCodec;
import io.sockudo.protocol.ChannelAuth;
import io.sockudo.protocol.Json;
import io.sockudo.testkit.JsonTree;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delivery of published events through the shards: shared frames, exclusions, tag filters and deltas. */
class LocalAdapterTest {

    private static final String NOTE = "the quick brown fox jumps over the lazy dog ".repeat(6);

    private final App app = EngineHarness.app().build();
    private EngineHarness engine = EngineHarness.of(app);

    @AfterEach
    void stop() {
        engine.close();
    }

    /** A client that has read its connection_established. */
    private Client connected(int shard) {
        Client c = engine.connect(shard);
        assertThat(c.receivedEvents()).containsExactly("pusher:connection_established");
        return c;
    }

    private Client subscribed(int shard, String channel) {
        Client c = connected(shard);
        c.subscribe(channel);
        c.received();
        return c;
    }

    private static String event(String channel, String data) {
        return "{\"name\":\"update\",\"channel\":\"" + channel + "\",\"data\":" + Json.quote(data) + "}";
    }

    private static String frame(String channel, String data) {
        return "{\"event\":\"update\",\"channel\":\"" + channel + "\",\"data\":" + Json.quote(data) + "}";
    }

    private static Frame last(Client c) {
        List<Frame> frames = c.out.frames();
        return frames.get(frames.size() - 1);
    }

    @Test
    void aPublishedEventIsFramedOnceAndSharedByEveryRecipient() {
        Client a = subscribed(0, "news");
        Client b = subscribed(1, "news");
        Client c = subscribed(1, "news");

        engine.publishAndDeliver(app, event("news", "{\"a\":1}"));

        assertThat(a.received()).containsExactly(frame("news", "{\"a\":1}"));
        assertThat(b.received()).containsExactly(frame("news", "{\"a\":1}"));
        assertThat(c.received()).containsExactly(frame("news", "{\"a\":1}"));
        assertThat(last(b)).isSameAs(last(a)).isSameAs(last(c));
    }

    @Test
    void eachShardWithSubscribersGetsOneTaskAndOthersNone() {
        subscribed(0, "news");
        subscribed(0, "news");
        Client elsewhere = subscribed(1, "sport");

        engine.publish(app, event("news", "{}"));

        assertThat(engine.shards.get(1).runPending()).isZero();
        assertThat(engine.shards.get(0).runPending()).isEqualTo(1);
        assertThat(elsewhere.received()).isEmpty();
    }

    @Test
    void anApiEventsLatencyIsObservedOnceWhenTheLastShardHasWrittenToItsSockets() {
        subscribed(0, "news");
        subscribed(0, "news");
        subscribed(1, "news");
        BroadcastLatency latency = engine.state().latency();
        int xs = BroadcastLatency.recipientBucket(3);

        engine.publish(app, event("news", "{}"));
        engine.clock.advance(Duration.ofMillis(3));
        engine.shards.get(0).runPending();
        assertThat(latency.histogram(0, xs)).as("one shard of two is done").isNull();
        engine.clock.advance(Duration.ofMillis(4));
        engine.shards.get(1).runPending();

        LatencyHistogram h = latency.histogram(0, xs);
        assertThat(h.count()).isEqualTo(1);
        assertThat(h.sum()).as("publish to the last write, in ms").isEqualTo(7.0);
        engine.publishAndDeliver(app, event("sport", "{}"));
        assertThat(h.count()).as("nobody received sport: no sample").isEqualTo(1);
    }

    @Test
    void aLatencySampleCountsOnlyTheSocketsWrittenTo() {
        Client sender = subscribed(0, "room");
        for (int i = 0; i < 10; i++) {
            subscribed(1, "room");
        }
        engine.publishAndDeliver(app, "{\"name\":\"update\",\"channel\":\"room\",\"data\":\"{}\",\"socket_id\":\""
                + sender.socketId() + "\"}");

        assertThat(engine.state().latency().histogram(0, BroadcastLatency.recipientBucket(10)).count())
                .as("10 recipients, the sender excluded: xs").isEqualTo(1);
        assertThat(engine.state().latency().histogram(0, BroadcastLatency.recipientBucket(11))).isNull();
    }

    @Test
    void anEventToAChannelWithoutSubscribersGoesNowhere() {
        Client c = subscribed(0, "news");

        engine.publishAndDeliver(app, event("sport", "{}"));

        assertThat(c.received()).isEmpty();
        assertThat(engine.state().channels().get("sport")).isNull();
    }

    @Test
    void theExcludedSocketDoesNotReceiveItsOwnEvent() {
        Client sender = subscribed(0, "news");
        Client other = subscribed(1, "news");

        engine.publishAndDeliver(app, "{\"name\":\"update\",\"channel\":\"news\",\"data\":\"{}\",\"socket_id\":\"" + sender.socketId() + "\"}");

        assertThat(sender.received()).isEmpty();
        assertThat(other.received()).hasSize(1);
    }

    @Test
    void tagFiltersNarrowTheRecipients() {
        Client all = subscribed(0, "ticker");
        Client btc = connected(1);
        btc.subscribe("ticker", "\"filter\":{\"key\":\"sym\",\"cmp\":\"eq\",\"val\":\"BTC\"}");
        Client notBtc = connected(1);
        notBtc.subscribe("ticker", "\"filter\":{\"key\":\"sym\",\"cmp\":\"neq\",\"val\":\"BTC\"}");
        btc.received();
        notBtc.received();

        engine.publishAndDeliver(app, "{\"name\":\"update\",\"channel\":\"ticker\",\"data\":\"1\",\"tags\":{\"sym\":\"ETH\"}}");
        engine.publishAndDeliver(app, "{\"name\":\"update\",\"channel\":\"ticker\",\"data\":\"2\",\"tags\":{\"sym\":\"BTC\"}}");

        assertThat(all.received()).hasSize(2);
        assertThat(notBtc.received()).containsExactly(
                "{\"event\":\"update\",\"channel\":\"ticker\",\"data\":\"1\",\"tags\":{\"sym\":\"ETH\"}}");
        assertThat(btc.received()).containsExactly(
                "{\"event\":\"update\",\"channel\":\"ticker\",\"data\":\"2\",\"tags\":{\"sym\":\"BTC\"}}");
        assertThat(engine.adapter.deltaStats().filteredOut()).as("the neq filter refused BTC").isEqualTo(1);
    }

    @Test
    void protocolFramesReachFilteredSubscribersToo() {
        Client filtered = connected(0);
        String ann = "{\"user_id\":\"ann\"}";
        String auth = ChannelAuth.signChannel(EngineHarness.KEY, EngineHarness.SECRET, filtered.socketId(), "presence-room", ann);
        filtered.subscribe("presence-room", "\"auth\":" + Json.quote(auth) + ",\"channel_data\":" + Json.quote(ann)
                + ",\"filter\":{\"key\":\"sym\",\"cmp\":\"eq\",\"val\":\"BTC\"}");
        assertThat(filtered.receivedEvents()).containsExactly("pusher_internal:subscription_succeeded");
        Client bob = connected(1);

        bob.subscribePresence("presence-room", "{\"user_id\":\"bob\"}");

        assertThat(filtered.receivedEvents()).containsExactly("pusher_internal:member_added");
    }

    @Test
    void aCacheChannelReplaysItsLastEventToNewSubscribers() {
        engine.publishAndDeliver(app, event("cache-prices", "{\"p\":1}"));
        engine.publishAndDeliver(app, event("cache-prices", "{\"p\":2}"));

        Client late = connected(1);
        late.subscribe("cache-prices");

        assertThat(late.received()).containsExactly(
                "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"cache-prices\",\"data\":\"{}\"}",
                frame("cache-prices", "{\"p\":2}"));
    }

    // ------------------------------------------------------------------ delta compression

    private Client deltaSubscriber(int shard, String channel) {
        Client c = connected(shard);
        c.send("{\"event\":\"pusher:enable_delta_compression\",\"data\":{\"algorithms\":[\"fossil\"]}}");
        assertThat(c.received()).containsExactly(
                "{\"event\":\"pusher:delta_compression_enabled\",\"data\":{\"enabled\":true,\"algorithm\":\"fossil\"}}");
        c.subscribe(channel);
        c.received();
        return c;
    }

    private static String quote(int price) {
        return "{\"sym\":\"BTC\",\"price\":" + price + ",\"note\":\"" + NOTE + "\"}";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] applyDelta(String deltaFrame, String base) {
        Map<String, Object> data = JsonTree.object(JsonTree.object(deltaFrame), "data");
        return DeltaCodec.fossil().decode(bytes(base), Base64.getDecoder().decode((String) data.get("delta")));
    }

    @Test
    void deltaSubscribersGetAPlainOpeningThenAFullFrameThenDeltasSharedByAllInStep() {
        Client a = deltaSubscriber(0, "ticker");
        Client b = deltaSubscriber(1, "ticker");
        Client plain = subscribed(1, "ticker");

        engine.publishAndDeliver(app, event("ticker", quote(99)));
        engine.publishAndDeliver(app, event("ticker", quote(100)));
        engine.publishAndDeliver(app, event("ticker", quote(101)));

        String opening = frame("ticker", quote(99));
        String first = frame("ticker", quote(100));
        String second = frame("ticker", quote(101));
        List<String> toA = a.received();
        assertThat(toA.get(0)).as("nothing to delta against yet: the plain frame").isEqualTo(opening);
        assertThat(toA.get(1)).isEqualTo(first.substring(0, first.length() - 1) + ",\"__delta_seq\":1}");
        Map<String, Object> delta = JsonTree.object(toA.get(2));
        assertThat(delta.get("event")).isEqualTo("pusher:delta");
        assertThat(JsonTree.object(delta, "data"))
                .containsEntry("seq", 2L).containsEntry("base_index", 1L);
        assertThat(applyDelta(toA.get(2), first)).isEqualTo(bytes(second));
        assertThat(b.received()).isEqualTo(toA);
        assertThat(last(b)).isSameAs(last(a));
        assertThat(plain.received()).containsExactly(opening, first, second);
        assertThat(engine.adapter.deltaStats().deltasComputed()).as("one probe, one delta").isEqualTo(2);
    }

    @Test
    void aSyncErrorResendsTheLastMessageInFullAndTheChainGoesOnFromIt() {
        Client a = deltaSubscriber(0, "ticker");
        engine.publishAndDeliver(app, event("ticker", quote(100)));
        engine.publishAndDeliver(app, event("ticker", quote(101)));
        a.received();

        a.send("{\"event\":\"pusher:delta_sync_error\",\"data\":{\"channel\":\"ticker\"}}");
        String second = frame("ticker", quote(101));
        assertThat(a.received()).containsExactly(second.substring(0, second.length() - 1) + ",\"__delta_seq\":2}");

        engine.publishAndDeliver(app, event("ticker", quote(102)));
        List<String> next = a.received();
        assertThat(JsonTree.object(JsonTree.object(next.get(0)), "data"))
                .containsEntry("base_index", 2L).containsEntry("seq", 3L);
        assertThat(applyDelta(next.get(0), second)).isEqualTo(bytes(frame("ticker", quote(102))));
        assertThat(engine.adapter.deltaStats().syncErrors()).isEqualTo(1);
    }

    @Test
    void aSubscriptionThatSaysNoToDeltasGetsPlainFrames() {
        Client c = connected(0);
        c.send("{\"event\":\"pusher:enable_delta_compression\",\"data\":{\"algorithms\":[\"fossil\"]}}");
        c.subscribe("ticker", "\"delta\":false");
        c.received();

        engine.publishAndDeliver(app, event("ticker", quote(100)));
        engine.publishAndDeliver(app, event("ticker", quote(101)));

        assertThat(c.received()).containsExactly(frame("ticker", quote(100)), frame("ticker", quote(101)));
    }
}
