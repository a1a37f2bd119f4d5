package io.sockudo.protocol.filter;

import static io.sockudo.protocol.filter.Fixtures.filter;
import static io.sockudo.protocol.filter.Fixtures.matches;
import static io.sockudo.protocol.filter.Fixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Each limit is accepted exactly at its value and refused one past it. */
class TagFilterLimitsTest {

    @Test
    void acceptsAnAndOf127LeavesWhichIs128Nodes() {
        TagFilter f = filter(andOfLeaves(127));
        assertThat(matches(f, tags("k0", "v", "k126", "v"))).isFalse();
    }

    @Test
    void refusesA129thNode() {
        assertThatThrownBy(() -> filter(andOfLeaves(128)))
                .isInstanceOf(FilterException.class)
                .hasMessage("filter: has more than 128 nodes");
    }

    @Test
    void countsNodesInsideACompoundToo() {
        assertThat(filter("{'events':['e'],'tags':" + andOfLeaves(127) + "}")).isNotNull();
        assertThatThrownBy(() -> filter("{'events':['e'],'tags':" + andOfLeaves(128) + "}"))
                .hasMessage("filter: has more than 128 nodes");
    }

    @Test
    void acceptsNodesNested16Deep() {
        TagFilter f = filter(nestedNots(15));
        // 15 negations of eq: odd, so the filter is neq.
        assertThat(matches(f, tags("k", "v"))).isFalse();
        assertThat(matches(f, tags("k", "w"))).isTrue();
    }

    @Test
    void refusesNodesNested17Deep() {
        assertThatThrownBy(() -> filter(nestedNots(16)))
                .hasMessage("filter" + ".nodes[0]".repeat(16) + ": nodes are nested more than 16 deep");
    }

    @Test
    void acceptsAKeyOf256Bytes() {
        assertThat(filter(leafWithKey("k".repeat(256)))).isNotNull();
        assertThat(filter(leafWithKey("é".repeat(128)))).isNotNull();
    }

    @Test
    void refusesAKeyOf257Bytes() {
        assertThatThrownBy(() -> filter(leafWithKey("k".repeat(257))))
                .hasMessage("filter: \"key\" is longer than 256 bytes");
        assertThatThrownBy(() -> filter(leafWithKey("é".repeat(128) + "k")))
                .hasMessage("filter: \"key\" is longer than 256 bytes");
    }

    @Test
    void acceptsAValueOf1024Bytes() {
        String v = "€".repeat(341) + "v"; // 3 * 341 + 1 bytes
        TagFilter f = filter("{'key':'k','cmp':'eq','val':'" + v + "'}");
        assertThat(matches(f, tags("k", v))).isTrue();
        assertThat(filter("{'key':'k','cmp':'in','vals':['a','" + "v".repeat(1024) + "']}")).isNotNull();
    }

    @Test
    void refusesAValueOf1025Bytes() {
        assertThatThrownBy(() -> filter("{'key':'k','cmp':'eq','val':'" + "€".repeat(341) + "vv'}"))
                .hasMessage("filter: \"val\" is longer than 1024 bytes");
        assertThatThrownBy(() -> filter("{'key':'k','cmp':'in','vals':['a','" + "v".repeat(1025) + "']}"))
                .hasMessage("filter: vals[1] is longer than 1024 bytes");
    }

    @Test
    void appliesTheValueLimitToNumbersAsWritten() {
        assertThatThrownBy(() -> filter("{'key':'k','cmp':'gt','val':" + "1".repeat(1025) + "}"))
                .hasMessage("filter: \"val\" is longer than 1024 bytes");
    }

    @Test
    void accepts128Vals() {
        TagFilter f = filter(inWith(128));
        assertThat(matches(f, tags("k", "v127"))).isTrue();
    }

    @Test
    void refuses129Vals() {
        assertThatThrownBy(() -> filter(inWith(129)))
                .hasMessage("filter: \"vals\" has more than 128 values");
    }

    @Test
    void accepts50EventNames() {
        TagFilter f = filter("{'events':[" + list(50, i -> "'e" + i + "'") + "]}");
        assertThat(f.matches("e49", Tags.EMPTY)).isTrue();
    }

    @Test
    void refuses51EventNames() {
        assertThatThrownBy(() -> filter("{'events':[" + list(51, i -> "'e" + i + "'") + "]}"))
                .hasMessage("filter: \"events\" has more than 50 names");
    }

    @Test
    void acceptsAnEventNameOf200Characters() {
        String ascii = "e".repeat(200);
        String emoji = "\uD83D\uDE00".repeat(200); // 200 characters, 400 chars in UTF-16
        TagFilter f = filter("{'events':['" + ascii + "','" + emoji + "']}");
        assertThat(f.matches(emoji, Tags.EMPTY)).isTrue();
    }

    @Test
    void refusesAnEventNameOf201Characters() {
        assertThatThrownBy(() -> filter("{'events':['ok','" + "e".repeat(201) + "']}"))
                .hasMessage("filter: events[1] is longer than 200 characters");
    }

    private static String andOfLeaves(int leaves) {
        return "{'op':'and','nodes':[" + list(leaves, i -> "{'key':'k" + i + "','cmp':'ex'}") + "]}";
    }

    private static String nestedNots(int nots) {
        return "{'op':'not','nodes':[".repeat(nots) + "{'key':'k','cmp':'eq','val':'v'}"
                + "]}".repeat(nots);
    }

    private static String leafWithKey(String key) {
        return "{'key':'" + key + "','cmp':'ex'}";
    }

    private static String inWith(int values) {
        return "{'key':'k','cmp':'in','vals':[" + list(values, i -> "'v" + i + "'") + "]}";
    }

    private static String list(int n, IntFunction<String> item) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(item.apply(i));
        }
        return b.toString();
    }
}
