package io.sockudo.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.connection.Frame;
import io.sockudo.adapter.connection.WireFormat;
import io.sockudo.adapter.delta.DeltaSettings;
import io.sockudo.delta.DeltaCodec;
import io.sockudo.protocol.ServerFrames;
import io.sockudo.testkit.JsonTree;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeltaStateTest {

    private static final String CHANNEL = "ticker";
    private static final String EVENT = "price";
    private static final long T0 = 5_000_000_000L;
    /** Bulk that stays the same from message to message, which is what makes deltas pay. */
    private static final String NOTE = "the quick brown fox jumps over the lazy dog ".repeat(6);

    private final DeltaStats stats = new DeltaStats();
    private long nextSeq;

    private DeltaMessage message(String key, int price) {
        return message(key, price, false);
    }

    private DeltaMessage message(String key, int price, boolean omitAlgorithm) {
        String data = "{\"sym\":\"" + (key.isEmpty() ? "BTC" : key) + "\",\"price\":" + price + ",\"note\":\"" + NOTE + "\"}";
        byte[] payload = ServerFrames.channelEvent(EVENT, CHANNEL, data, null);
        return new DeltaMessage(CHANNEL, EVENT, payload, nextSeq++, key, WireFormat.RAW, omitAlgorithm,
                WireFormat.RAW.frame(payload));
    }

    /** A message with nothing in common with the others: no delta against it is worth sending. */
    private DeltaMessage unrelatedMessage(String key) {
        Random random = new Random(7);
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            noise.append((char) ('a' + random.nextInt(26)));
        }
        byte[] payload = ServerFrames.channelEvent(EVENT, CHANNEL, noise.toString(), null);
        return new DeltaMessage(CHANNEL, EVENT, payload, nextSeq++, key, WireFormat.RAW, false,
                WireFormat.RAW.frame(payload));
    }

    private static DeltaState state(DeltaSettings settings) {
        return new DeltaState("fossil", settings);
    }

    private static boolean isDelta(Frame f) {
        return "pusher:delta".equals(JsonTree.object(f.toString()).get("event"));
    }

    /** Applies a delta frame to the base the client holds and returns the frame it rebuilds. */
    private static byte[] decode(Frame delta, byte[] base, String algorithm) {
        Map<String, Object> data = JsonTree.object(JsonTree.object(delta.toString()), "data");
        byte[] bytes = Base64.getDecoder().decode((String) data.get("delta"));
        return DeltaCodec.forName(algorithm).decode(base, bytes);
    }

    private static Map<String, Object> deltaData(Frame delta) {
        Map<String, Object> frame = JsonTree.object(delta.toString());
        assertThat(frame.get("event")).isEqualTo("pusher:delta");
        assertThat(frame.get("channel")).isEqualTo(CHANNEL);
        return JsonTree.object(frame, "data");
    }

    private static String withSequence(DeltaMessage m, String extra) {
        String plain = new String(m.payload(), StandardCharsets.UTF_8);
        return plain.substring(0, plain.length() - 1) + ",\"__delta_seq\":" + m.seq() + extra + "}";
    }

    @Test
    void theFirstMessageOfAChainIsSentInFullWithItsSequence() {
        DeltaState state = state(DeltaSettings.defaults());
        DeltaMessage m = message("", 100);

        Frame out = state.next(m, T0, stats);

        assertThat(out).isSameAs(m.fullFrame());
        assertThat(out.toString()).isEqualTo(withSequence(m, ""));
        assertThat(stats.fullMessages()).isEqualTo(1);
        assertThat(stats.deltaMessages()).isZero();
        assertThat(state.chainCount()).isEqualTo(1);
    }

    @Test
    void theNextMessageIsADeltaThatRebuildsThePlainFrame() {
        DeltaState state = state(DeltaSettings.defaults());
        DeltaMessage first = message("", 100);
        DeltaMessage second = message("", 101);
        state.next(first, T0, stats);

        Frame out = state.next(second, T0 + 1, stats);

        assertThat(isDelta(out)).isTrue();
        Map<String, Object> data = deltaData(out);
        assertThat(data.get("event")).isEqualTo(EVENT);
        assertThat(data.get("seq")).isEqualTo(1L);
        assertThat(data.get("base_index")).isEqualTo(0L);
        assertThat(data.get("algorithm")).isEqualTo("fossil");
        assertThat(data).doesNotContainKey("conflation_key");
        assertThat(decode(out, first.payload(), "fossil")).isEqualTo(second.payload());
        assertThat(out.size()).isLessThan(second.fullFrame().size());
        assertThat(stats.deltaMessages()).isEqualTo(1);
        assertThat(stats.bytesSaved()).isEqualTo(second.plainFrame().size() - out.size());
    }

    @Test
    void xdelta3ChainsCarryVcdiffDeltas() {
        DeltaState state = new DeltaState("xdelta3", DeltaSettings.defaults());
        DeltaMessage first = message("", 100);
        DeltaMessage second = message("", 101);
        state.next(first, T0, stats);

        Frame out = state.next(second, T0, stats);

        assertThat(deltaData(out).get("algorithm")).isEqualTo("xdelta3");
        assertThat(decode(out, first.payload(), "xdelta3")).isEqualTo(second.payload());
    }

    @Test
    void theAlgorithmCanBeLeftOutOfDeltaFrames() {
        DeltaState state = state(DeltaSettings.defaults());
        state.next(message("", 100, true), T0, stats);

        Frame out = state.next(message("", 101, true), T0, stats);

        assertThat(deltaData(out)).doesNotContainKey("algorithm");
    }

    @Test
    void aDeltaThatDoesNotPayIsReplacedByThePlainFrameAndTheChainStaysPlain() {
        DeltaState state = state(DeltaSettings.defaults());
        DeltaMessage first = message("", 100);
        state.next(first, T0, stats);
        DeltaMessage unrelated = unrelatedMessage("");

        Frame out = state.next(unrelated, T0, stats);

        assertThat(out).isSameAs(unrelated.plainFrame());
        assertThat(out.toString()).doesNotContain("__delta_seq");
        assertThat(stats.plainMessages()).isEqualTo(1);
        // the next message does not look at deltas again: plain, computing nothing
        long computed = stats.deltasComputed();
        DeltaMessage next = message("", 101);
        assertThat(state.next(next, T0, stats)).isSameAs(next.plainFrame());
        assertThat(stats.deltasComputed()).isEqualTo(computed);
    }

    @Test
    void aPlainChainProbesAndGoesBackToDeltasWhenTheyPayAgain() {
        DeltaState state = state(DeltaSettings.defaults());
        state.next(message("", 100), T0, stats);
        state.next(unrelatedMessage(""), T0, stats);
        StringBuilder kinds = new StringBuilder();
        DeltaMessage resumed = null;
        DeltaMessage last = null;

        for (int i = 0; i < DeltaState.PROBE_EVERY + 1; i++) {
            DeltaMessage m = message("", 200 + i);
            Frame f = state.next(m, T0, stats);
            kinds.append(f == m.plainFrame() ? 'P' : f == m.fullFrame() ? 'F' : 'D');
            if (f == m.fullFrame()) {
                resumed = m;
            }
            last = m;
        }

        assertThat(kinds.toString()).isEqualTo("P".repeat(DeltaState.PROBE_EVERY - 1) + "FD");
        Frame delta = state.next(message("", 999), T0, stats);
        assertThat(isDelta(delta)).isTrue();
        assertThat(deltaData(delta).get("base_index")).isEqualTo(last.seq());
        assertThat(resumed).isNotNull();
        assertThat(resumed.fullFrame().toString()).isEqualTo(withSequence(resumed, ""));
    }

    @Test
    void onAStreamWhereDeltasDoNotPayTheSocketGetsThePlainBytesAfterTheOpeningFrame() {
        DeltaState state = state(DeltaSettings.defaults());
        Random random = new Random(11);
        long plainBytes = 0;
        long sentBytes = 0;
        long openingSuffix = 0;
        for (int i = 0; i < 500; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = 0; j < 40 + random.nextInt(200); j++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            byte[] payload = ServerFrames.channelEvent("chat", CHANNEL, text.toString(), null);
            DeltaMessage m = new DeltaMessage(CHANNEL, "chat", payload, nextSeq++, "", WireFormat.RAW, false,
                    WireFormat.RAW.frame(payload));
            Frame f = state.next(m, T0, stats);
            if (i == 0) {
                openingSuffix = f.size() - m.plainFrame().size();
            }
            plainBytes += m.plainFrame().size();
            sentBytes += f.size();
        }

        assertThat(openingSuffix).isPositive();
        assertThat(sentBytes).isLessThanOrEqualTo(plainBytes + openingSuffix);
    }

    @Test
    void onAStreamWhereDeltasPayEveryRunOfDeltasPaysForItsFullFrame() {
        DeltaState state = state(DeltaSettings.defaults());
        long plainBytes = 0;
        long sentBytes = 0;
        for (int i = 0; i < 100; i++) {
            DeltaMessage m = message("", 100 + i);
            plainBytes += m.plainFrame().size();
            sentBytes += state.next(m, T0, stats).size();
        }
        assertThat(stats.deltaMessages()).isGreaterThan(80);
        assertThat(sentBytes).isLessThan(plainBytes);
    }

    @Test
    void aResetDoesNotSendAgainTheLastMessageOfAPlainChain() {
        DeltaState state = state(DeltaSettings.defaults());
        state.next(message("BTC", 1), T0, stats);
        state.next(unrelatedMessage("BTC"), T0, stats);
        DeltaMessage eth = message("ETH", 1);
        state.next(eth, T0, stats);

        List<DeltaState.LastMessage> last = state.reset();

        assertThat(last).extracting(DeltaState.LastMessage::conflationKey).containsExactly("ETH");
    }

    @Test
    void afterFullMessageIntervalDeltasTheNextMessageIsFull() {
        DeltaState state = state(DeltaSettings.defaults().withFullMessageInterval(3));
        StringBuilder kinds = new StringBuilder();

        for (int i = 0; i < 9; i++) {
            kinds.append(isDelta(state.next(message("", 100 + i), T0 + i, stats)) ? 'D' : 'F');
        }

        assertThat(kinds.toString()).isEqualTo("FDDDFDDDF");
    }

    @Test
    void anIntervalOfZeroSendsEveryMessageInFull() {
        DeltaState state = state(DeltaSettings.defaults().withFullMessageInterval(0));

        for (int i = 0; i < 5; i++) {
            DeltaMessage m = message("", 100 + i);
            assertThat(state.next(m, T0 + i, stats)).isSameAs(m.fullFrame());
        }
        assertThat(stats.deltasComputed()).isZero();
    }

    @Test
    void aChainUnusedForLongerThanTheMaxStateAgeStartsOverInFull() {
        Duration age = Duration.ofSeconds(10);
        DeltaState state = state(DeltaSettings.defaults().withLimits(age, 100, 100));
        state.next(message("", 100), T0, stats);

        Frame atTheLimit = state.next(message("", 101), T0 + age.toNanos(), stats);
        Frame beyond = state.next(message("", 102), T0 + 2 * age.toNanos() + 1, stats);

        assertThat(isDelta(atTheLimit)).isTrue();
        assertThat(isDelta(beyond)).isFalse();
    }

    @Test
    void expiryDropsChainsOlderThanTheMaxStateAge() {
        Duration age = Duration.ofSeconds(10);
        DeltaState state = state(DeltaSettings.defaults().withLimits(age, 100, 100));
        state.next(message("BTC", 100), T0, stats);
        state.next(message("ETH", 100), T0 + age.toNanos(), stats);

        assertThat(state.lastUsedNanos()).isEqualTo(T0 + age.toNanos());
        assertThat(state.expire(T0 + age.toNanos() + 1)).isTrue();
        assertThat(state.chainCount()).isEqualTo(1);
        assertThat(state.expire(T0 + 2 * age.toNanos() + 1)).isFalse();
        assertThat(state.chainCount()).isZero();
    }

    @Test
    void conflationChainsAdvanceIndependently() {
        DeltaState state = state(DeltaSettings.defaults());
        DeltaMessage btc1 = message("BTC", 100);
        DeltaMessage eth1 = message("ETH", 200);
        DeltaMessage btc2 = message("BTC", 101);
        DeltaMessage eth2 = message("ETH", 201);

        Frame f1 = state.next(btc1, T0, stats);
        Frame f2 = state.next(eth1, T0, stats);
        Frame d1 = state.next(btc2, T0, stats);
        Frame d2 = state.next(eth2, T0, stats);

        assertThat(f1.toString()).isEqualTo(withSequence(btc1, ",\"__conflation_key\":\"BTC\""));
        assertThat(f2.toString()).isEqualTo(withSequence(eth1, ",\"__conflation_key\":\"ETH\""));
        assertThat(deltaData(d1)).containsEntry("conflation_key", "BTC").containsEntry("base_index", btc1.seq());
        assertThat(deltaData(d2)).containsEntry("conflation_key", "ETH").containsEntry("base_index", eth1.seq());
        assertThat(decode(d1, btc1.payload(), "fossil")).isEqualTo(btc2.payload());
        assertThat(decode(d2, eth1.payload(), "fossil")).isEqualTo(eth2.payload());
        assertThat(state.chainCount()).isEqualTo(2);
    }

    @Test
    void theLeastRecentlyUsedChainIsEvictedBeyondTheLimit() {
        DeltaState state = state(DeltaSettings.defaults().withLimits(Duration.ofSeconds(300), 100, 2));
        state.next(message("A", 1), T0, stats);
        state.next(message("B", 1), T0, stats);
        state.next(message("A", 2), T0, stats);

        state.next(message("C", 1), T0, stats);

        assertThat(state.chainCount()).isEqualTo(2);
        assertThat(isDelta(state.next(message("A", 3), T0, stats))).as("A was used after B, so B went").isTrue();
        assertThat(isDelta(state.next(message("B", 2), T0, stats))).as("B starts over").isFalse();
        assertThat(state.chainCount()).isEqualTo(2);
    }

    @Test
    void resetForgetsEveryChainAndHandsBackTheLastMessageOfEach() {
        DeltaState state = state(DeltaSettings.defaults());
        DeltaMessage plain = message("", 1);
        state.next(message("BTC", 1), T0, stats);
        DeltaMessage btc = message("BTC", 2);
        DeltaMessage eth = message("ETH", 1);
        state.next(plain, T0, stats);
        state.next(btc, T0, stats);
        state.next(eth, T0, stats);

        List<DeltaState.LastMessage> last = state.reset();

        assertThat(last).extracting(DeltaState.LastMessage::conflationKey).containsExactlyInAnyOrder("", "BTC", "ETH");
        for (DeltaState.LastMessage l : last) {
            DeltaMessage expected = switch (l.conflationKey()) {
                case "" -> plain;
                case "BTC" -> btc;
                default -> eth;
            };
            assertThat(l.payload()).isSameAs(expected.payload());
        }
        assertThat(state.chainCount()).isZero();
        assertThat(isDelta(state.next(message("BTC", 3), T0, stats))).isFalse();
    }

    @Test
    void resetWithoutChainsReturnsNothing() {
        assertThat(state(DeltaSettings.defaults()).reset()).isEmpty();
    }

    @Test
    void aRestoredMessageIsTheBaseOfTheNextDelta() {
        DeltaState state = state(DeltaSettings.defaults());
        DeltaMessage btc = message("BTC", 1);
        state.next(btc, T0, stats);
        List<DeltaState.LastMessage> last = state.reset();

        state.restore("BTC", last.get(0).payload(), 42, T0);
        DeltaMessage after = message("BTC", 2);
        Frame out = state.next(after, T0, stats);

        assertThat(deltaData(out)).containsEntry("base_index", 42L);
        assertThat(decode(out, btc.payload(), "fossil")).isEqualTo(after.payload());
    }

    @Test
    void subscribersInStepShareTheVeryFrameOfEachMessage() {
        DeltaState alice = state(DeltaSettings.defaults());
        DeltaState bob = state(DeltaSettings.defaults());
        DeltaMessage first = message("", 1);
        DeltaMessage second = message("", 2);

        Frame aliceFirst = alice.next(first, T0, stats);
        Frame bobFirst = bob.next(first, T0, stats);
        Frame aliceSecond = alice.next(second, T0, stats);
        Frame bobSecond = bob.next(second, T0, stats);

        assertThat(bobFirst).isSameAs(aliceFirst);
        assertThat(isDelta(aliceSecond)).isTrue();
        assertThat(bobSecond).isSameAs(aliceSecond);
        assertThat(stats.deltasComputed()).isEqualTo(1);
    }

    @Test
    void oneDeltaIsComputedPerDistinctBase() {
        DeltaState alice = state(DeltaSettings.defaults());
        DeltaState bob = state(DeltaSettings.defaults());
        DeltaState carol = state(DeltaSettings.defaults());
        DeltaMessage m0 = message("", 0);
        DeltaMessage m1 = message("", 1);
        DeltaMessage m2 = message("", 2);
        for (DeltaState s : List.of(alice, bob, carol)) {
            s.next(m0, T0, stats);
        }
        // bob's filter skipped m1: his base stays m0
        alice.next(m1, T0, stats);
        carol.next(m1, T0, stats);
        assertThat(stats.deltasComputed()).isEqualTo(1);

        Frame toAlice = alice.next(m2, T0, stats);
        Frame toBob = bob.next(m2, T0, stats);
        Frame toCarol = carol.next(m2, T0, stats);

        assertThat(stats.deltasComputed()).isEqualTo(3);
        assertThat(toCarol).isSameAs(toAlice);
        assertThat(toBob).isNotSameAs(toAlice);
        assertThat(deltaData(toBob)).containsEntry("base_index", m0.seq());
        assertThat(decode(toBob, m0.payload(), "fossil")).isEqualTo(m2.payload());
        assertThat(decode(toAlice, m1.payload(), "fossil")).isEqualTo(m2.payload());
    }

    @Test
    void aBaseNotWorthADeltaIsJudgedOnceForAllItsSubscribers() {
        List<DeltaState> subscribers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            subscribers.add(state(DeltaSettings.defaults()));
        }
        DeltaMessage first = message("", 1);
        DeltaMessage unrelated = unrelatedMessage("");
        subscribers.forEach(s -> s.next(first, T0, stats));

        for (DeltaState s : subscribers) {
            assertThat(s.next(unrelated, T0, stats)).isSameAs(unrelated.plainFrame());
        }
        assertThat(stats.deltasComputed()).isEqualTo(1);
    }

    @Test
    void differentAlgorithmsOverTheSameBaseAreSeparateDeltas() {
        DeltaState fossil = state(DeltaSettings.defaults());
        DeltaState vcdiff = new DeltaState("xdelta3", DeltaSettings.defaults());
        DeltaMessage first = message("", 1);
        DeltaMessage second = message("", 2);
        fossil.next(first, T0, stats);
        vcdiff.next(first, T0, stats);

        Frame a = fossil.next(second, T0, stats);
        Frame b = vcdiff.next(second, T0, stats);

        assertThat(stats.deltasComputed()).isEqualTo(2);
        assertThat(decode(a, first.payload(), "fossil")).isEqualTo(second.payload());
        assertThat(decode(b, first.payload(), "xdelta3")).isEqualTo(second.payload());
    }
}
