package io.sockudo.protocol.filter;

import static io.sockudo.protocol.filter.Fixtures.filter;
import static io.sockudo.protocol.filter.Fixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class IndexKeysTest {

    @Test
    void eqIsFiledUnderItsPair() {
        assertThat(filter("{'key':'sym','cmp':'eq','val':'BTC'}").indexKeys().pairs())
                .containsExactly(new IndexKey("sym", "BTC"));
    }

    @Test
    void inIsFiledUnderEachValue() {
        assertThat(filter("{'key':'sym','cmp':'in','vals':['ETH','BTC','ETH']}").indexKeys().pairs())
                .containsExactly(new IndexKey("sym", "BTC"), new IndexKey("sym", "ETH"));
    }

    @Test
    void numbersAreFiledUnderTheTextTheyStandFor() {
        assertThat(filter("{'key':'n','cmp':'eq','val':10}").indexKeys().pairs())
                .containsExactly(new IndexKey("n", "10"));
    }

    @Test
    void comparisonsThatCanMatchWithoutAPairAreNotIndexable() {
        for (String leaf : new String[] {
            "{'key':'k','cmp':'neq','val':'v'}",
            "{'key':'k','cmp':'nin','vals':['v']}",
            "{'key':'k','cmp':'ex'}",
            "{'key':'k','cmp':'nex'}",
            "{'key':'k','cmp':'sw','val':'v'}",
            "{'key':'k','cmp':'ew','val':'v'}",
            "{'key':'k','cmp':'ct','val':'v'}",
            "{'key':'k','cmp':'gt','val':'1'}",
            "{'key':'k','cmp':'gte','val':'1'}",
            "{'key':'k','cmp':'lt','val':'1'}",
            "{'key':'k','cmp':'lte','val':'1'}",
            "{'op':'not','nodes':[{'key':'k','cmp':'eq','val':'v'}]}",
        }) {
            IndexKeys keys = filter(leaf).indexKeys();
            assertThat(keys.isIndexable()).as(leaf).isFalse();
            assertThat(keys.pairs()).isEmpty();
            assertThat(keys).isSameAs(IndexKeys.NOT_INDEXABLE);
        }
    }

    @Test
    void andIsFiledUnderItsSmallestIndexableChild() {
        TagFilter f = filter("{'op':'and','nodes':["
                + "{'key':'venue','cmp':'in','vals':['x','y']},"
                + "{'key':'px','cmp':'gt','val':'1'},"
                + "{'key':'sym','cmp':'eq','val':'BTC'}]}");
        assertThat(f.indexKeys().pairs()).containsExactly(new IndexKey("sym", "BTC"));
    }

    @Test
    void andWithoutAnIndexableChildIsNotIndexable() {
        TagFilter f = filter("{'op':'and','nodes':[{'key':'a','cmp':'ex'},{'key':'b','cmp':'neq','val':'v'}]}");
        assertThat(f.indexKeys().isIndexable()).isFalse();
    }

    @Test
    void orIsFiledUnderEveryChildsPairs() {
        TagFilter f = filter("{'op':'or','nodes':["
                + "{'key':'sym','cmp':'eq','val':'BTC'},"
                + "{'key':'venue','cmp':'in','vals':['x','y']},"
                + "{'op':'and','nodes':[{'key':'px','cmp':'gt','val':'1'},{'key':'sym','cmp':'eq','val':'BTC'}]}]}");
        assertThat(f.indexKeys().pairs()).containsExactly(
                new IndexKey("sym", "BTC"), new IndexKey("venue", "x"), new IndexKey("venue", "y"));
    }

    @Test
    void orWithOneUnindexableChildIsNotIndexable() {
        TagFilter f = filter("{'op':'or','nodes':[{'key':'sym','cmp':'eq','val':'BTC'},"
                + "{'key':'px','cmp':'gte','val':100}]}");
        assertThat(f.indexKeys().isIndexable()).isFalse();
    }

    @Test
    void orIsIndexableUpTo500Pairs() {
        assertThat(filter(orOfIns(4, 125, "")).indexKeys().size()).isEqualTo(500);
    }

    @Test
    void orOfMoreThan500PairsIsNotIndexable() {
        TagFilter f = filter(orOfIns(4, 125, ",{'key':'extra','cmp':'eq','val':'v'}"));
        assertThat(f.indexKeys().isIndexable()).isFalse();
    }

    @Test
    void andSkipsAChildWithTooManyPairs() {
        TagFilter f = filter("{'op':'and','nodes':[" + orOfIns(5, 125, "")
                + ",{'key':'sym','cmp':'eq','val':'BTC'}]}");
        assertThat(f.indexKeys().pairs()).containsExactly(new IndexKey("sym", "BTC"));
    }

    @Test
    void aCompoundIsFiledUnderItsTagsNode() {
        assertThat(filter("{'events':['price'],'tags':{'key':'sym','cmp':'eq','val':'BTC'}}")
                .indexKeys().pairs()).containsExactly(new IndexKey("sym", "BTC"));
    }

    @Test
    void eventNamesAloneAreNotIndexable() {
        assertThat(filter("{'events':['price']}").indexKeys().isIndexable()).isFalse();
    }

    @Test
    void isHitByTellsWhetherTagsCarryAPair() {
        IndexKeys keys = filter("{'key':'sym','cmp':'in','vals':['BTC','ETH']}").indexKeys();
        assertThat(keys.isHitBy(tags("sym", "ETH", "venue", "x"))).isTrue();
        assertThat(keys.isHitBy(tags("sym", "SOL", "venue", "BTC"))).isFalse();
        assertThat(keys.isHitBy(Tags.EMPTY)).isFalse();
        assertThat(IndexKeys.NOT_INDEXABLE.isHitBy(tags("sym", "BTC"))).isFalse();
    }

    @Test
    void indexKeysAreValues() {
        IndexKeys a = filter("{'key':'k','cmp':'in','vals':['1','2']}").indexKeys();
        IndexKeys b = filter("{'op':'or','nodes':[{'key':'k','cmp':'eq','val':'2'},"
                + "{'key':'k','cmp':'eq','val':'1'}]}").indexKeys();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toString()).isEqualTo("IndexKeys[IndexKey[key=k, value=1], IndexKey[key=k, value=2]]");
        assertThat(IndexKeys.NOT_INDEXABLE.toString()).isEqualTo("IndexKeys[not indexable]");
    }

    /** An or of {@code ins} in-leaves on distinct keys, each with {@code vals} values. */
    private static String orOfIns(int ins, int vals, String extraNodes) {
        IntFunction<String> in = i -> {
            StringBuilder b = new StringBuilder("{'key':'k" + i + "','cmp':'in','vals':[");
            for (int v = 0; v < vals; v++) {
                b.append(v == 0 ? "" : ",").append("'v").append(v).append("'");
            }
            return b.append("]}").toString();
        };
        StringBuilder b = new StringBuilder("{'op':'or','nodes':[");
        for (int i = 0; i < ins; i++) {
            b.append(i == 0 ? "" : ",").append(in.apply(i));
        }
        return b.append(extraNodes).append("]}").toString();
    }
}
