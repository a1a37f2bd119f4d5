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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /**
     * Starts a chain: its first message goes out plain, the next (a probe showed deltas pay) in
     * full with its sequence. Returns that full message, the client's base.
     */
    private DeltaMessage start(DeltaState state, String key, int price, boolean omitAlgorithm) {
        DeltaMessage opening = message(key, price - 1, omitAlgorithm);
        assertThat(state.next(opening, T0, stats)).isSameAs(opening.plainFrame());
        DeltaMessage base = message(key, price, omitAlgorithm);
        assertThat(state.next(base, T0, stats)).isSameAs(base.fullFrame());
        return base;
    }

    private DeltaMessage start(DeltaState state, String key, int price) {
        return start(state, key, price, false);
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
    void aChainStartsPlainAndSendsItsFirstFullFrameWhenAProbeShowsDeltasPay() {
        DeltaState state = state(DeltaSettings.defaults());
        DeltaMessage first = message("", 100);
        DeltaMessage second = message("", 101);

        Frame opening = state.next(first, T0, stats);
        assertThat(opening).isSameAs(first.plainFrame());
        assertThat(opening.toString()).doesNotContain("__delta_seq");
        assertThat(stats.deltasComputed()).as("nothing to probe against yet").isZero();
        Frame out = state.next(second, T0, stats);

        assertThat(out).isSameAs(second.fullFrame());
        assertThat(out.toString()).isEqualTo(withSequence(second, ""));
        assertThat(stats.deltasComputed()).as("the probe").isEqualTo(1);
        assertThat(stats.plainMessages()).isEqualTo(1);
        assertThat(stats.fullMessages()).isEqualTo(1);
        assertThat(stats.deltaMessages()).isZero();
        assertThat(state.chainCount()).isEqualTo(1);
    }

    @Test
    void theNextMessageIsADeltaThatRebuildsThePlainFrame() {
        DeltaState state = state(DeltaSettings.defaults());
        DeltaMessage first = start(state, "", 100);
        DeltaMessage second = message("", 101);

        Frame out = state.next(second, T0 + 1, stats);

        assertThat(isDelta(out)).isTrue();
        Map<String, Object> data = deltaData(out);
        assertThat(data.get("event")).isEqualTo(EVENT);
        assertThat(data.get("seq")).isEqualTo(second.seq());
        assertThat(data.get("base_index")).isEqualTo(first.seq());
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
        DeltaMessage first = start(state, "", 100);
        DeltaMessage second = message("", 101);

        Frame out = state.next(second, T0, stats);

        assertThat(deltaData(out).get("algorithm")).isEqualTo("xdelta3");
        assertThat(decode(out, first.payload(), "xdelta3")).isEqualTo(second.payload());
    }

    @Test
    void theAlgorithmCanBeLeftOutOfDeltaFrames() {
        DeltaState state = state(DeltaSettings.defaults());
        start(state, "", 100, true);

        Frame out = state.next(message("", 101, true), T0, stats);

        assertThat(deltaData(out)).doesNotContainKey("algorithm");
    }

    @Test
    void aDeltaThatDoesNotPayIsReplacedByThePlainFrameAndTheChainStaysPlain() {
        DeltaState state = state(DeltaSettings.defaults());
        start(state, "", 100);
        DeltaMessage unrelated = unrelatedMessage("");
        long plainBefore = stats.plainMessages();

        Frame out = state.next(unrelated, T0, stats);

        assertThat(out).isSameAs(unrelated.plainFrame());
        assertThat(out.toString()).doesNotContain("__delta_seq");
        assertThat(stats.plainMessages()).isEqualTo(plainBefore + 1);
        // the next message does not look at deltas again: plain, computing nothing
        long computed = stats.deltasComputed();
        DeltaMessage next = message("", 101);
        assertThat(state.next(next, T0, stats)).isSameAs(next.plainFrame());
        assertThat(stats.deltasComputed()).isEqualTo(computed);
    }

    @Test
    void aPlainChainProbesAndGoesBackToDeltasWhenTheyPayAgain() {
        DeltaState state = state(DeltaSettings.defaults());
        start(state, "", 100);
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
    void onAStreamWhereDeltasDoNotPayTheSocketGetsExactlyThePlainBytes() {
        DeltaState state = state(DeltaSettings.defaults());
        Random random = new Random(11);
        long plainBytes = 0;
        long sentBytes = 0;
        for (int i = 0; i < 500; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = 0; j < 40 + random.nextInt(200); j++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            byte[] payload = ServerFrames.channelEvent("chat", CHANNEL, text.toString(), null);
            DeltaMessage m = new DeltaMessage(CHANNEL, "chat", payload, nextSeq++, "", WireFormat.RAW, false,
                    WireFormat.RAW.frame(payload));
            Frame f = state.next(m, T0, stats);
            plainBytes += m.plainFrame().size();
            sentBytes += f.size();
        }

        assertThat(stats.fullMessages()).as("no chain ever started").isZero();
        assertThat(sentBytes).isEqualTo(plainBytes);
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
        start(state, "BTC", 1);
        state.next(unrelatedMessage("BTC"), T0, stats);
        DeltaMessage eth = message("ETH", 1);
        state.next(message("ETH", 0), T0, stats);
        assertThat(state.next(eth, T0, stats)).isNotSameAs(eth.plainFrame());

        List<DeltaState.LastMessage> last = state.reset();

        assertThat(last).extracting(DeltaState.LastMessage::conflationKey).containsExactly("ETH");
    }

    @Test
    void afterFullMessageIntervalDeltasTheNextMessageIsFull() {
        DeltaState state = state(DeltaSettings.defaults().withFullMessageInterval(3));
        StringBuilder kinds = new StringBuilder();

        for (int i = 0; i < 10; i++) {
            DeltaMessage m = message("", 100 + i);
            Frame f = state.next(m, T0 + i, stats);
            kinds.append(f == m.plainFrame() ? 'P' : f == m.fullFrame() ? 'F' : 'D');
        }

        assertThat(kinds.toString()).isEqualTo("PFDDDFDDDF");
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
    void aChainUnusedForLongerThanTheMaxStateAgeStartsOverWithAProbe() {
        Duration age = Duration.ofSeconds(10);
        DeltaState state = state(DeltaSettings.defaults().withLimits(age, 100, 100));
        start(state, "", 100);

        Frame atTheLimit = state.next(message("", 101), T0 + age.toNanos(), stats);
        DeltaMessage late = message("", 102);
        Frame beyond = state.next(late, T0 + 2 * age.toNanos() + 1, stats);

        assertThat(isDelta(atTheLimit)).isTrue();
        assertThat(beyond).as("the probe against its old base pays: full, a fresh base").isSameAs(late.fullFrame());
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
        DeltaMessage btc1 = start(state, "BTC", 100);
        DeltaMessage eth1 = message("ETH", 200);
        DeltaMessage btc2 = message("BTC", 101);
        DeltaMessage eth2 = message("ETH", 201);

        Frame f1 = btc1.fullFrame();
        Frame f2 = state.next(eth1, T0, stats);
        assertThat(f2).as("a new chain probed against the other chain's message").isSameAs(eth1.fullFrame());
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
        DeltaMessage btc = start(state, "BTC", 1);
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
        DeltaMessage opening = message("", 0);
        DeltaMessage first = message("", 1);
        DeltaMessage second = message("", 2);
        alice.next(opening, T0, stats);
        bob.next(opening, T0, stats);

        Frame aliceFirst = alice.next(first, T0, stats);
        Frame bobFirst = bob.next(first, T0, stats);
        Frame aliceSecond = alice.next(second, T0, stats);
        Frame bobSecond = bob.next(second, T0, stats);

        assertThat(aliceFirst).isSameAs(first.fullFrame());
        assertThat(bobFirst).isSameAs(aliceFirst);
        assertThat(isDelta(aliceSecond)).isTrue();
        assertThat(bobSecond).isSameAs(aliceSecond);
        assertThat(stats.deltasComputed()).as("one probe, one delta").isEqualTo(2);
    }

    @Test
    void oneDeltaIsComputedPerDistinctBase() {
        DeltaState alice = state(DeltaSettings.defaults());
        DeltaState bob = state(DeltaSettings.defaults());
        DeltaState carol = state(DeltaSettings.defaults());
        DeltaMessage opening = message("", -1);
        DeltaMessage m0 = message("", 0);
        DeltaMessage m1 = message("", 1);
        DeltaMessage m2 = message("", 2);
        for (DeltaState s : List.of(alice, bob, carol)) {
            s.next(opening, T0, stats);
            assertThat(s.next(m0, T0, stats)).isSameAs(m0.fullFrame());
        }
        assertThat(stats.deltasComputed()).as("one probe for all three").isEqualTo(1);
        // bob's filter skipped m1: his base stays m0
        alice.next(m1, T0, stats);
        carol.next(m1, T0, stats);
        assertThat(stats.deltasComputed()).isEqualTo(2);

        Frame toAlice = alice.next(m2, T0, stats);
        Frame toBob = bob.next(m2, T0, stats);
        Frame toCarol = carol.next(m2, T0, stats);

        assertThat(stats.deltasComputed()).isEqualTo(4);
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
        DeltaMessage opening = message("", 0);
        DeltaMessage first = message("", 1);
        DeltaMessage unrelated = unrelatedMessage("");
        subscribers.forEach(s -> s.next(opening, T0, stats));
        subscribers.forEach(s -> s.next(first, T0, stats));
        long computed = stats.deltasComputed();

        for (DeltaState s : subscribers) {
            assertThat(s.next(unrelated, T0, stats)).isSameAs(unrelated.plainFrame());
        }
        assertThat(stats.deltasComputed()).isEqualTo(computed + 1);
    }

    @Test
    void differentAlgorithmsOverTheSameBaseAreSeparateDeltas() {
        DeltaState fossil = state(DeltaSettings.defaults());
        DeltaState vcdiff = new DeltaState("xdelta3", DeltaSettings.defaults());
        DeltaMessage opening = message("", 0);
        DeltaMessage first = message("", 1);
        DeltaMessage second = message("", 2);
        for (DeltaState s : List.of(fossil, vcdiff)) {
            s.next(opening, T0, stats);
            s.next(first, T0, stats);
        }
        long computed = stats.deltasComputed();

        Frame a = fossil.next(second, T0, stats);
        Frame b = vcdiff.next(second, T0, stats);

        assertThat(stats.deltasComputed()).isEqualTo(computed + 2);
        assertThat(decode(a, first.payload(), "fossil")).isEqualTo(second.payload());
        assertThat(decode(b, first.payload(), "xdelta3")).isEqualTo(second.payload());
    }

    @Test
    void aNewChainWhoseProbeAgainstAnotherChainFailsProbesItsOwnNextMessage() {
        DeltaState state = state(DeltaSettings.defaults());
        start(state, "BTC", 100);
        DeltaMessage odd = unrelatedMessage("ETH");
        DeltaMessage same = unrelatedMessage("ETH");

        assertThat(state.next(odd, T0, stats)).as("nothing like BTC's messages").isSameAs(odd.plainFrame());
        assertThat(state.next(same, T0, stats)).as("but like its own previous one").isSameAs(same.fullFrame());
        assertThat(isDelta(state.next(unrelatedMessage("ETH"), T0, stats))).isTrue();
    }

    /**
     * A client that follows the reference client's rules (it stores a base only from a frame with
     * {@code __delta_seq}, per conflation key, and applies a delta to the base whose sequence is
     * its {@code base_index}) rebuilds every message of a stream that keeps switching between
     * messages worth a delta and messages that are not, over several keys, through sync errors.
     */
    @Test
    void aConformingClientRebuildsEveryMessageOfAMixedStreamThroughSyncErrors() {
        DeltaState state = state(DeltaSettings.defaults().withFullMessageInterval(5));
        ReferenceClient client = new ReferenceClient();
        Random random = new Random(23);
        String[] keys = {"", "BTC", "ETH", "SOL"};
        int kinds = 0;
        for (int i = 0; i < 600; i++) {
            String key = keys[random.nextInt(keys.length)];
            DeltaMessage m = random.nextInt(4) == 0 ? noise(key, random) : message(key, random.nextInt(1000));
            Frame out = state.next(m, T0 + i, stats);
            assertThat(client.receive(out.toString())).as("message %d", i).isEqualTo(new String(m.payload(), StandardCharsets.UTF_8));
            if (random.nextInt(100) == 0) {
                client.clear();
                for (DeltaState.LastMessage last : state.reset()) {
                    DeltaMessage again = new DeltaMessage(CHANNEL, EVENT, last.payload(), nextSeq++, last.conflationKey(),
                            WireFormat.RAW, false, WireFormat.RAW.frame(last.payload()));
                    assertThat(client.receive(again.fullFrame().toString())).isEqualTo(new String(last.payload(), StandardCharsets.UTF_8));
                    state.restore(last.conflationKey(), last.payload(), again.seq(), T0 + i);
                }
            }
            kinds |= out == m.plainFrame() ? 1 : out == m.fullFrame() ? 2 : 4;
        }
        assertThat(kinds).as("plain, full and delta frames all occurred").isEqualTo(7);
    }

    private DeltaMessage noise(String key, Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 50 + random.nextInt(300); i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        byte[] payload = ServerFrames.channelEvent(EVENT, CHANNEL, text.toString(), null);
        return new DeltaMessage(CHANNEL, EVENT, payload, nextSeq++, key, WireFormat.RAW, false, WireFormat.RAW.frame(payload));
    }

    /** The reference client's rules for one channel, in conflation mode (bases per key, looked up by sequence). */
    private static final class ReferenceClient {
        private static final Pattern SEQ = Pattern.compile(",\"__delta_seq\":(\\d+)");
        private static final Pattern KEY = Pattern.compile(",\"__conflation_key\":\"([^\"]*)\"");
        private final Map<String, Map<Long, String>> bases = new HashMap<>();

        String receive(String frame) {
            Map<String, Object> parsed = JsonTree.object(frame);
            if ("pusher:delta".equals(parsed.get("event"))) {
                Map<String, Object> data = JsonTree.object(parsed, "data");
                String key = (String) data.getOrDefault("conflation_key", "");
                String base = bases.getOrDefault(key, Map.of()).get((Long) data.get("base_index"));
                assertThat(base).as("the base a delta refers to is held: %s", frame).isNotNull();
                String text = new String(decode(frame, base), StandardCharsets.UTF_8);
                bases.get(key).put((Long) data.get("seq"), text);
                return text;
            }
            Matcher seq = SEQ.matcher(frame);
            if (!seq.find()) {
                return frame; // no sequence: delivered as it is, nothing stored
            }
            Matcher key = KEY.matcher(frame);
            String k = key.find() ? key.group(1) : "";
            String text = KEY.matcher(SEQ.matcher(frame).replaceAll("")).replaceAll("");
            bases.computeIfAbsent(k, x -> new HashMap<>()).put(Long.parseLong(seq.group(1)), text);
            return text;
        }

        private static byte[] decode(String frame, String base) {
            Map<String, Object> data = JsonTree.object(JsonTree.object(frame), "data");
            return DeltaCodec.fossil().decode(base.getBytes(StandardCharsets.UTF_8),
                    Base64.getDecoder().decode((String) data.get("delta")));
        }

        void clear() {
            bases.clear();
        }
    }
}
