package io.sockudo.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.ChannelDeltaSetting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelSettingsTest {

    private static final ChannelDeltaSetting A = new ChannelDeltaSetting(true, "fossil", "a", null);
    private static final ChannelDeltaSetting B = new ChannelDeltaSetting(true, "xdelta3", "b", null);
    private static final ChannelDeltaSetting C = new ChannelDeltaSetting(true, null, "c", null);

    private static App app(Map<String, ChannelDeltaSetting> settings) {
        return App.builder("id", "key", "secret").channelDeltaCompression(settings).build();
    }

    /** Both insertion orders, so that no outcome can come from map order. */
    private static List<Map<String, ChannelDeltaSetting>> bothOrders(String k1, ChannelDeltaSetting v1,
                                                                    String k2, ChannelDeltaSetting v2) {
        Map<String, ChannelDeltaSetting> forward = new LinkedHashMap<>();
        forward.put(k1, v1);
        forward.put(k2, v2);
        Map<String, ChannelDeltaSetting> backward = new LinkedHashMap<>();
        backward.put(k2, v2);
        backward.put(k1, v1);
        return List.of(forward, backward);
    }

    @Test
    void anExactNameBeatsEveryPattern() {
        Map<String, ChannelDeltaSetting> settings = Map.of("ticker-btc", A, "ticker-*", B, "*", C, "ticker-bt*", C);

        assertThat(ChannelSettings.find(settings, "ticker-btc")).isSameAs(A);
    }

    @Test
    void theLongestMatchingPatternWins() {
        for (Map<String, ChannelDeltaSetting> settings : bothOrders("ticker-*", A, "ticker-b*", B)) {
            assertThat(ChannelSettings.find(settings, "ticker-btc")).isSameAs(B);
            assertThat(ChannelSettings.find(settings, "ticker-eth")).isSameAs(A);
        }
    }

    @Test
    void equallyLongPatternsAreDecidedAlphabetically() {
        // "a*c" and "ab*" both match "abc"; '*' sorts before 'b'
        for (Map<String, ChannelDeltaSetting> settings : bothOrders("ab*", A, "a*c", B)) {
            assertThat(ChannelSettings.find(settings, "abc")).isSameAs(B);
        }
        for (Map<String, ChannelDeltaSetting> settings : bothOrders("*-usd", A, "btc-*", B)) {
            assertThat(ChannelSettings.find(settings, "btc-usd")).isSameAs(A);
        }
    }

    @Test
    void aLoneStarMatchesEveryChannel() {
        assertThat(ChannelSettings.matches("*", "anything")).isTrue();
        assertThat(ChannelSettings.matches("*", "")).isTrue();
        assertThat(ChannelSettings.find(Map.of("*", A), "presence-room")).isSameAs(A);
    }

    @Test
    void prefixAndSuffixPatterns() {
        assertThat(ChannelSettings.matches("ticker-*", "ticker-btc")).isTrue();
        assertThat(ChannelSettings.matches("ticker-*", "ticker-")).isTrue();
        assertThat(ChannelSettings.matches("ticker-*", "tickers")).isFalse();
        assertThat(ChannelSettings.matches("*-prices", "btc-prices")).isTrue();
        assertThat(ChannelSettings.matches("*-prices", "btc-prices-old")).isFalse();
    }

    @Test
    void aStarInTheMiddleNeedsBothEndsWithoutOverlap() {
        assertThat(ChannelSettings.matches("a*b", "ab")).isTrue();
        assertThat(ChannelSettings.matches("a*b", "a-long-b")).isTrue();
        assertThat(ChannelSettings.matches("a*b", "ba")).isFalse();
        assertThat(ChannelSettings.matches("a*b", "abc")).isFalse();
        assertThat(ChannelSettings.matches("a*a", "a")).as("one character cannot be both ends").isFalse();
    }

    @Test
    void patternsWithSeveralStarsNeverMatch() {
        assertThat(ChannelSettings.matches("a**", "abc")).isFalse();
        assertThat(ChannelSettings.matches("*-*", "btc-usd")).isFalse();
        assertThat(ChannelSettings.matches("**", "x")).isFalse();
        assertThat(ChannelSettings.find(Map.of("*-*", A), "btc-usd")).isNull();
    }

    @Test
    void aNameWithoutStarMatchesOnlyItself() {
        assertThat(ChannelSettings.matches("ticker", "ticker-btc")).isFalse();
        assertThat(ChannelSettings.find(Map.of("ticker", A), "ticker-btc")).isNull();
        assertThat(ChannelSettings.find(Map.of(), "ticker")).isNull();
    }

    @Test
    void withoutAnEntryTheServerSettingsApply() {
        DeltaSettings server = DeltaSettings.defaults().withAlgorithm("xdelta3").withConflationKeyPath("sym");

        ChannelSettings s = ChannelSettings.resolve(app(Map.of("other-*", ChannelDeltaSetting.DISABLED)), "ticker", server, true);

        assertThat(s).isEqualTo(new ChannelSettings(true, "xdelta3", "sym", true));
    }

    @Test
    void inheritTakesEverythingFromTheServer() {
        DeltaSettings server = DeltaSettings.defaults();

        ChannelSettings s = ChannelSettings.resolve(app(Map.of("ticker", ChannelDeltaSetting.INHERIT)), "ticker", server, false);

        assertThat(s).isEqualTo(new ChannelSettings(true, "fossil", null, false));
    }

    @Test
    void disabledTurnsDeltasOffForMatchingChannelsOnly() {
        App app = app(Map.of("chat-*", ChannelDeltaSetting.DISABLED));

        assertThat(ChannelSettings.resolve(app, "chat-room", DeltaSettings.defaults(), true).deltaAllowed()).isFalse();
        assertThat(ChannelSettings.resolve(app, "ticker", DeltaSettings.defaults(), true).deltaAllowed()).isTrue();
    }

    @Test
    void aServerWithDeltasOffAllowsThemNowhere() {
        App app = app(Map.of("ticker", new ChannelDeltaSetting(true, "fossil", null, null)));

        assertThat(ChannelSettings.resolve(app, "ticker", DeltaSettings.defaults().withEnabled(false), true).deltaAllowed()).isFalse();
    }

    @Test
    void aChannelEntryOverridesAlgorithmConflationKeyAndTags() {
        DeltaSettings server = DeltaSettings.defaults().withConflationKeyPath("id");
        App app = app(Map.of("ticker-*", new ChannelDeltaSetting(true, "xdelta3", "data.sym", false)));

        ChannelSettings s = ChannelSettings.resolve(app, "ticker-btc", server, true);

        assertThat(s).isEqualTo(new ChannelSettings(true, "xdelta3", "data.sym", false));
    }

    @Test
    void fieldsLeftOutOfAnEntryAreInheritedOneByOne() {
        DeltaSettings server = DeltaSettings.defaults().withAlgorithm("xdelta3").withConflationKeyPath("id");
        App app = app(Map.of("ticker-*", new ChannelDeltaSetting(true, null, "sym", null)));

        ChannelSettings s = ChannelSettings.resolve(app, "ticker-btc", server, true);

        assertThat(s).isEqualTo(new ChannelSettings(true, "xdelta3", "sym", true));
    }
}
