package io.sockudo.protocol.filter;

import static io.sockudo.protocol.filter.Fixtures.filter;
import static io.sockudo.protocol.filter.Fixtures.leaf;
import static io.sockudo.protocol.filter.Fixtures.matches;
import static io.sockudo.protocol.filter.Fixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TagFilterSemanticsTest {

    private static final Tags BTC = tags("sym", "BTC", "venue", "x");

    @Nested
    class Eq {
        @Test
        void eqMatchesTheSameValue() {
            assertThat(matches(leaf("sym", "eq", "'BTC'"), BTC)).isTrue();
        }

        @Test
        void eqDoesNotMatchAnotherValue() {
            assertThat(matches(leaf("sym", "eq", "'ETH'"), BTC)).isFalse();
        }

        @Test
        void eqIsCaseSensitive() {
            assertThat(matches(leaf("sym", "eq", "'btc'"), BTC)).isFalse();
        }

        @Test
        void eqDoesNotMatchAMessageWithoutTheTag() {
            assertThat(matches(leaf("px", "eq", "'BTC'"), BTC)).isFalse();
        }

        @Test
        void eqDoesNotMatchAMessageWithoutTags() {
            assertThat(matches(leaf("sym", "eq", "'BTC'"), Tags.EMPTY)).isFalse();
        }

        @Test
        void eqComparesWholeStringsNotPrefixes() {
            assertThat(matches(leaf("sym", "eq", "'BT'"), BTC)).isFalse();
            assertThat(matches(leaf("sym", "eq", "'BTCX'"), BTC)).isFalse();
        }

        @Test
        void eqComparesNonAsciiValuesExactly() {
            Tags tags = tags("city", "Zürich");
            assertThat(matches(leaf("city", "eq", "'Zürich'"), tags)).isTrue();
            assertThat(matches(leaf("city", "eq", "'Zu\u0308rich'"), tags)).isFalse();
        }
    }

    @Nested
    class Neq {
        @Test
        void neqMatchesAnotherValue() {
            assertThat(matches(leaf("sym", "neq", "'ETH'"), BTC)).isTrue();
        }

        @Test
        void neqDoesNotMatchTheSameValue() {
            assertThat(matches(leaf("sym", "neq", "'BTC'"), BTC)).isFalse();
        }

        @Test
        void neqMatchesAMessageWithoutTheTag() {
            assertThat(matches(leaf("px", "neq", "'1'"), BTC)).isTrue();
        }

        @Test
        void neqMatchesAMessageWithoutTags() {
            assertThat(matches(leaf("sym", "neq", "'BTC'"), Tags.EMPTY)).isTrue();
        }
    }

    @Nested
    class InAndNin {
        private final TagFilter in = filter("{'key':'sym','cmp':'in','vals':['ETH','BTC','SOL']}");
        private final TagFilter nin = filter("{'key':'sym','cmp':'nin','vals':['ETH','BTC','SOL']}");

        @Test
        void inMatchesAListedValue() {
            assertThat(matches(in, BTC)).isTrue();
            assertThat(matches(in, tags("sym", "SOL"))).isTrue();
        }

        @Test
        void inDoesNotMatchAnUnlistedValue() {
            assertThat(matches(in, tags("sym", "DOGE"))).isFalse();
            assertThat(matches(in, tags("sym", "btc"))).isFalse();
        }

        @Test
        void inDoesNotMatchAMessageWithoutTheTag() {
            assertThat(matches(in, tags("venue", "BTC"))).isFalse();
            assertThat(matches(in, Tags.EMPTY)).isFalse();
        }

        @Test
        void ninDoesNotMatchAListedValue() {
            assertThat(matches(nin, BTC)).isFalse();
        }

        @Test
        void ninMatchesAnUnlistedValue() {
            assertThat(matches(nin, tags("sym", "DOGE"))).isTrue();
        }

        @Test
        void ninMatchesAMessageWithoutTheTag() {
            assertThat(matches(nin, tags("venue", "x"))).isTrue();
            assertThat(matches(nin, Tags.EMPTY)).isTrue();
        }

        @Test
        void inWithASingleValueBehavesLikeEq() {
            TagFilter one = filter("{'key':'sym','cmp':'in','vals':['BTC']}");
            assertThat(matches(one, BTC)).isTrue();
            assertThat(matches(one, tags("sym", "ETH"))).isFalse();
        }

        @Test
        void inFindsEveryOneOfManyValues() {
            StringBuilder vals = new StringBuilder();
            for (int i = 0; i < 128; i++) {
                vals.append(i == 0 ? "" : ",").append("'v").append(i * 7).append("'");
            }
            TagFilter many = filter("{'key':'k','cmp':'in','vals':[" + vals + "]}");
            for (int i = 0; i < 128 * 7; i++) {
                assertThat(matches(many, tags("k", "v" + i))).as("v%d", i).isEqualTo(i % 7 == 0);
            }
        }

        @Test
        void inMayListTheEmptyString() {
            TagFilter empty = filter("{'key':'k','cmp':'in','vals':['']}");
            assertThat(matches(empty, tags("k", ""))).isTrue();
            assertThat(matches(empty, tags("k", "a"))).isFalse();
        }
    }

    @Nested
    class ExAndNex {
        @Test
        void exMatchesAnyValueOfThePresentTag() {
            TagFilter ex = filter("{'key':'sym','cmp':'ex'}");
            assertThat(matches(ex, BTC)).isTrue();
            assertThat(matches(ex, tags("sym", ""))).isTrue();
        }

        @Test
        void exDoesNotMatchAMessageWithoutTheTag() {
            assertThat(matches(filter("{'key':'px','cmp':'ex'}"), BTC)).isFalse();
            assertThat(matches(filter("{'key':'px','cmp':'ex'}"), Tags.EMPTY)).isFalse();
        }

        @Test
        void nexDoesNotMatchWhenTheTagIsPresent() {
            assertThat(matches(filter("{'key':'sym','cmp':'nex'}"), BTC)).isFalse();
        }

        @Test
        void nexMatchesAMessageWithoutTheTag() {
            assertThat(matches(filter("{'key':'px','cmp':'nex'}"), BTC)).isTrue();
        }

        @Test
        void nexMatchesAMessageWithoutTags() {
            assertThat(matches(filter("{'key':'px','cmp':'nex'}"), Tags.EMPTY)).isTrue();
        }

        @Test
        void exIgnoresAValueItDoesNotNeed() {
            assertThat(matches(filter("{'key':'sym','cmp':'ex','val':'ETH'}"), BTC)).isTrue();
        }
    }

    @Nested
    class SwEwCt {
        private final Tags channel = tags("room", "eu-west-1");

        @Test
        void swMatchesAPrefix() {
            assertThat(matches(leaf("room", "sw", "'eu-'"), channel)).isTrue();
            assertThat(matches(leaf("room", "sw", "'eu-west-1'"), channel)).isTrue();
        }

        @Test
        void swDoesNotMatchAnythingElse() {
            assertThat(matches(leaf("room", "sw", "'west'"), channel)).isFalse();
            assertThat(matches(leaf("room", "sw", "'EU-'"), channel)).isFalse();
            assertThat(matches(leaf("room", "sw", "'eu-west-1x'"), channel)).isFalse();
        }

        @Test
        void ewMatchesASuffix() {
            assertThat(matches(leaf("room", "ew", "'-1'"), channel)).isTrue();
            assertThat(matches(leaf("room", "ew", "'eu-'"), channel)).isFalse();
        }

        @Test
        void ctMatchesASubstring() {
            assertThat(matches(leaf("room", "ct", "'west'"), channel)).isTrue();
            assertThat(matches(leaf("room", "ct", "'-'"), channel)).isTrue();
            assertThat(matches(leaf("room", "ct", "'West'"), channel)).isFalse();
            assertThat(matches(leaf("room", "ct", "'east'"), channel)).isFalse();
        }

        @Test
        void swEwAndCtDoNotMatchAMessageWithoutTheTag() {
            for (String cmp : new String[] {"sw", "ew", "ct"}) {
                assertThat(matches(leaf("zone", cmp, "'e'"), channel)).as(cmp).isFalse();
                assertThat(matches(leaf("zone", cmp, "'e'"), Tags.EMPTY)).as(cmp).isFalse();
            }
        }
    }

    @Nested
    class Numeric {
        private final Tags px = tags("px", "100");

        @Test
        void gtMatchesOnlyGreaterNumbers() {
            assertThat(matches(leaf("px", "gt", "99.5"), px)).isTrue();
            assertThat(matches(leaf("px", "gt", "100"), px)).isFalse();
            assertThat(matches(leaf("px", "gt", "101"), px)).isFalse();
        }

        @Test
        void gteIncludesTheBound() {
            assertThat(matches(leaf("px", "gte", "100"), px)).isTrue();
            assertThat(matches(leaf("px", "gte", "100.0000001"), px)).isFalse();
        }

        @Test
        void ltMatchesOnlySmallerNumbers() {
            assertThat(matches(leaf("px", "lt", "100.5"), px)).isTrue();
            assertThat(matches(leaf("px", "lt", "100"), px)).isFalse();
        }

        @Test
        void lteIncludesTheBound() {
            assertThat(matches(leaf("px", "lte", "100"), px)).isTrue();
            assertThat(matches(leaf("px", "lte", "99"), px)).isFalse();
        }

        @Test
        void comparisonIsNumericNotTextual() {
            // As text "100" < "9"; as numbers it is not.
            assertThat(matches(leaf("px", "gt", "'9'"), px)).isTrue();
            assertThat(matches(leaf("px", "lt", "'9'"), px)).isFalse();
        }

        @Test
        void numericComparisonsDoNotMatchAMessageWithoutTheTag() {
            for (String cmp : new String[] {"gt", "gte", "lt", "lte"}) {
                assertThat(matches(leaf("qty", cmp, "1"), px)).as(cmp).isFalse();
                assertThat(matches(leaf("qty", cmp, "1"), Tags.EMPTY)).as(cmp).isFalse();
            }
        }

        @Test
        void aTagValueThatIsNotANumberMatchesNoComparison() {
            Tags text = tags("px", "high");
            for (String cmp : new String[] {"gt", "gte", "lt", "lte"}) {
                assertThat(matches(leaf("px", cmp, "0"), text)).as(cmp).isFalse();
            }
        }

        @Test
        void aFilterValueThatIsNotANumberMatchesNothingButItsNegationMatchesEverything() {
            TagFilter gt = leaf("px", "gt", "'abc'");
            TagFilter notGt = filter("{'op':'not','nodes':[{'key':'px','cmp':'gt','val':'abc'}]}");
            assertThat(matches(gt, px)).isFalse();
            assertThat(matches(notGt, px)).isTrue();
        }

        @Test
        void exponentNotationIsANumber() {
            assertThat(matches(leaf("px", "gte", "'1e3'"), tags("px", "1000"))).isTrue();
            assertThat(matches(leaf("px", "lt", "'1E3'"), tags("px", "999.99"))).isTrue();
            assertThat(matches(leaf("px", "eq", "'1e3'"), tags("px", "1000"))).as("eq is textual")
                    .isFalse();
        }

        @Test
        void negativeZeroEqualsZero() {
            Tags negativeZero = tags("px", "-0");
            assertThat(matches(leaf("px", "gte", "0"), negativeZero)).isTrue();
            assertThat(matches(leaf("px", "lte", "0"), negativeZero)).isTrue();
            assertThat(matches(leaf("px", "lt", "0"), negativeZero)).isFalse();
        }

        @Test
        void infinityIsAboveEveryFiniteNumber() {
            assertThat(matches(leaf("px", "gt", "1e308"), tags("px", "inf"))).isTrue();
            assertThat(matches(leaf("px", "gt", "1e308"), tags("px", "Infinity"))).isTrue();
            assertThat(matches(leaf("px", "lt", "-1e308"), tags("px", "-INF"))).isTrue();
            assertThat(matches(leaf("px", "gte", "'inf'"), tags("px", "1e400"))).as("overflow")
                    .isTrue();
        }

        @Test
        void nanMatchesNoComparison() {
            for (String cmp : new String[] {"gt", "gte", "lt", "lte"}) {
                assertThat(matches(leaf("px", cmp, "0"), tags("px", "NaN"))).as(cmp).isFalse();
                assertThat(matches(leaf("px", cmp, "'nan'"), tags("px", "0"))).as(cmp).isFalse();
                assertThat(matches(leaf("px", cmp, "'NaN'"), tags("px", "NaN"))).as(cmp).isFalse();
            }
        }

        @Test
        void javaOnlyNumberSpellingsAreNotNumbers() {
            for (String notANumber : new String[] {"0x10", " 5", "5 ", "5d", "5f", "0x1p3", "1_000"}) {
                assertThat(matches(leaf("px", "gte", "0"), tags("px", notANumber)))
                        .as(notANumber).isFalse();
                assertThat(matches(leaf("px", "lte", "1e9"), tags("px", notANumber)))
                        .as(notANumber).isFalse();
            }
        }

        @Test
        void jsonNumbersKeepTheirWrittenForm() {
            assertThat(matches(leaf("px", "gte", "1.5e2"), tags("px", "150"))).isTrue();
            assertThat(matches(leaf("px", "lt", "-2"), tags("px", "-2.5"))).isTrue();
        }
    }

    @Nested
    class Groups {
        private final TagFilter and = filter("{'op':'and','nodes':["
                + "{'key':'sym','cmp':'eq','val':'BTC'},{'key':'venue','cmp':'eq','val':'x'}]}");
        private final TagFilter or = filter("{'op':'or','nodes':["
                + "{'key':'sym','cmp':'eq','val':'BTC'},{'key':'px','cmp':'gte','val':100}]}");
        private final TagFilter not = filter("{'op':'not','nodes':[{'key':'sym','cmp':'eq','val':'BTC'}]}");

        @Test
        void andNeedsEveryChild() {
            assertThat(matches(and, BTC)).isTrue();
            assertThat(matches(and, tags("sym", "BTC", "venue", "y"))).isFalse();
            assertThat(matches(and, tags("sym", "BTC"))).isFalse();
        }

        @Test
        void orNeedsAnyChild() {
            assertThat(matches(or, BTC)).isTrue();
            assertThat(matches(or, tags("sym", "ETH", "px", "150"))).isTrue();
            assertThat(matches(or, tags("sym", "ETH", "px", "50"))).isFalse();
            assertThat(matches(or, Tags.EMPTY)).isFalse();
        }

        @Test
        void notInvertsItsChild() {
            assertThat(matches(not, BTC)).isFalse();
            assertThat(matches(not, tags("sym", "ETH"))).isTrue();
        }

        @Test
        void notMatchesAMessageWithoutTags() {
            assertThat(matches(not, Tags.EMPTY)).isTrue();
        }

        @Test
        void groupsWithOneChildBehaveLikeTheChild() {
            TagFilter andOfOne = filter("{'op':'and','nodes':[{'key':'sym','cmp':'eq','val':'BTC'}]}");
            TagFilter orOfOne = filter("{'op':'or','nodes':[{'key':'sym','cmp':'eq','val':'BTC'}]}");
            for (Tags t : new Tags[] {BTC, tags("sym", "ETH"), Tags.EMPTY}) {
                boolean expected = matches(leaf("sym", "eq", "'BTC'"), t);
                assertThat(matches(andOfOne, t)).isEqualTo(expected);
                assertThat(matches(orOfOne, t)).isEqualTo(expected);
            }
        }

        @Test
        void nestedGroupsCombine() {
            // (sym in [BTC, ETH]) and not (venue eq x or px lt 10)
            TagFilter nested = filter("{'op':'and','nodes':["
                    + "{'key':'sym','cmp':'in','vals':['BTC','ETH']},"
                    + "{'op':'not','nodes':[{'op':'or','nodes':["
                    + "{'key':'venue','cmp':'eq','val':'x'},{'key':'px','cmp':'lt','val':10}]}]}]}");
            assertThat(matches(nested, tags("sym", "BTC", "venue", "y", "px", "20"))).isTrue();
            assertThat(matches(nested, tags("sym", "ETH"))).isTrue();
            assertThat(matches(nested, tags("sym", "BTC", "venue", "x"))).isFalse();
            assertThat(matches(nested, tags("sym", "BTC", "px", "5"))).isFalse();
            assertThat(matches(nested, tags("sym", "SOL"))).isFalse();
        }

        @Test
        void doubleNegationMatchesLikeTheLeaf() {
            TagFilter twice = filter("{'op':'not','nodes':[{'op':'not','nodes':["
                    + "{'key':'sym','cmp':'eq','val':'BTC'}]}]}");
            assertThat(matches(twice, BTC)).isTrue();
            assertThat(matches(twice, tags("sym", "ETH"))).isFalse();
            assertThat(matches(twice, Tags.EMPTY)).isFalse();
        }
    }

    @Nested
    class Compound {
        @Test
        void eventsAloneSelectByEventName() {
            TagFilter f = filter("{'events':['price','trade']}");
            assertThat(f.matches("price", Tags.EMPTY)).isTrue();
            assertThat(f.matches("trade", BTC)).isTrue();
            assertThat(f.matches("quote", BTC)).isFalse();
            assertThat(f.matches("Price", BTC)).isFalse();
        }

        @Test
        void eventsAndTagsMustBothHold() {
            TagFilter f = filter("{'tags':{'key':'sym','cmp':'eq','val':'BTC'},'events':['price']}");
            assertThat(f.matches("price", BTC)).isTrue();
            assertThat(f.matches("trade", BTC)).isFalse();
            assertThat(f.matches("price", tags("sym", "ETH"))).isFalse();
        }

        @Test
        void tagsAloneIgnoreTheEventName() {
            TagFilter f = filter("{'tags':{'key':'sym','cmp':'eq','val':'BTC'}}");
            assertThat(f.matches("anything", BTC)).isTrue();
            assertThat(f.matches(null, BTC)).isTrue();
        }

        @Test
        void anEventListDoesNotMatchAMessageWithoutAnEventName() {
            assertThat(filter("{'events':['price']}").matches(null, BTC)).isFalse();
        }

        @Test
        void negativeTagsInACompoundMatchAMessageWithoutTags() {
            TagFilter f = filter("{'events':['price'],'tags':{'key':'sym','cmp':'nex'}}");
            assertThat(f.matches("price", Tags.EMPTY)).isTrue();
        }

        @Test
        void nullPartsCountAsAbsent() {
            TagFilter f = filter("{'tags':null,'events':['price'],'expression':null}");
            assertThat(f).isEqualTo(filter("{'events':['price']}"));
        }
    }

    @Nested
    class Operands {
        @Test
        void aNumberOperandStandsForItsWrittenText() {
            assertThat(matches(leaf("n", "eq", "100"), tags("n", "100"))).isTrue();
            assertThat(matches(leaf("n", "eq", "100"), tags("n", "100.0"))).isFalse();
            assertThat(matches(leaf("n", "eq", "1.50"), tags("n", "1.50"))).isTrue();
            assertThat(matches(leaf("n", "eq", "1.50"), tags("n", "1.5"))).isFalse();
            assertThat(matches(leaf("n", "eq", "-0"), tags("n", "-0"))).isTrue();
            assertThat(matches(leaf("n", "eq", "1E3"), tags("n", "1E3"))).isTrue();
        }

        @Test
        void aBooleanOperandStandsForTrueOrFalse() {
            assertThat(matches(leaf("live", "eq", "true"), tags("live", "true"))).isTrue();
            assertThat(matches(leaf("live", "eq", "false"), tags("live", "false"))).isTrue();
            assertThat(matches(leaf("live", "eq", "true"), tags("live", "True"))).isFalse();
        }

        @Test
        void valsMayMixStringsNumbersAndBooleans() {
            TagFilter f = filter("{'key':'v','cmp':'in','vals':['a',1,2.5,true]}");
            for (String v : new String[] {"a", "1", "2.5", "true"}) {
                assertThat(matches(f, tags("v", v))).as(v).isTrue();
            }
            assertThat(matches(f, tags("v", "1.0"))).isFalse();
        }
    }
}
