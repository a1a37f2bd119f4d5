package io.sockudo.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConflationKeyTest {

    @Test
    void readsATopLevelField() {
        assertThat(ConflationKey.extract("{\"sym\":\"BTC\",\"price\":1}", "sym")).isEqualTo("BTC");
    }

    @Test
    void aLeadingDataSegmentIsAllowed() {
        assertThat(ConflationKey.extract("{\"sym\":\"BTC\"}", "data.sym")).isEqualTo("BTC");
    }

    @Test
    void followsADottedPathIntoNestedObjects() {
        String data = "{\"quote\":{\"venue\":\"x\",\"symbol\":\"ETH\"},\"sym\":\"no\"}";

        assertThat(ConflationKey.extract(data, "quote.symbol")).isEqualTo("ETH");
        assertThat(ConflationKey.extract(data, "data.quote.symbol")).isEqualTo("ETH");
    }

    @Test
    void skipsNestedValuesOfOtherFieldsOnTheWay() {
        String data = "{\"meta\":{\"sym\":\"inner\",\"list\":[{\"sym\":\"deep\"}]},\"tags\":[\"sym\"],\"sym\":\"outer\"}";

        assertThat(ConflationKey.extract(data, "sym")).isEqualTo("outer");
    }

    @Test
    void numbersAreKeyedByTheirText() {
        assertThat(ConflationKey.extract("{\"id\":42}", "id")).isEqualTo("42");
        assertThat(ConflationKey.extract("{\"id\":-7}", "id")).isEqualTo("-7");
        assertThat(ConflationKey.extract("{\"p\":1.50}", "p")).isEqualTo("1.50");
    }

    @Test
    void booleansAreKeyedAsTrueAndFalse() {
        assertThat(ConflationKey.extract("{\"live\":true}", "live")).isEqualTo("true");
        assertThat(ConflationKey.extract("{\"live\":false}", "live")).isEqualTo("false");
    }

    @Test
    void nullObjectsAndArraysGiveTheDefaultKey() {
        assertThat(ConflationKey.extract("{\"k\":null}", "k")).isEmpty();
        assertThat(ConflationKey.extract("{\"k\":{\"a\":1}}", "k")).isEmpty();
        assertThat(ConflationKey.extract("{\"k\":[1,2]}", "k")).isEmpty();
    }

    @Test
    void aMissingValueGivesTheDefaultKey() {
        assertThat(ConflationKey.extract("{\"sym\":\"BTC\"}", "symbol")).isEmpty();
        assertThat(ConflationKey.extract("{\"quote\":{\"venue\":\"x\"}}", "quote.symbol")).isEmpty();
        assertThat(ConflationKey.extract("{}", "sym")).isEmpty();
    }

    @Test
    void aPathThroughAScalarGivesTheDefaultKey() {
        assertThat(ConflationKey.extract("{\"quote\":\"ETH\"}", "quote.symbol")).isEmpty();
        assertThat(ConflationKey.extract("{\"quote\":[{\"symbol\":\"ETH\"}]}", "quote.symbol")).isEmpty();
    }

    @Test
    void dataThatIsNotAJsonObjectGivesTheDefaultKey() {
        assertThat(ConflationKey.extract("BTC", "sym")).isEmpty();
        assertThat(ConflationKey.extract("[{\"sym\":\"BTC\"}]", "sym")).isEmpty();
        assertThat(ConflationKey.extract("\"{\\\"sym\\\":\\\"BTC\\\"}\"", "sym")).isEmpty();
        assertThat(ConflationKey.extract("{\"sym\":", "sym")).isEmpty();
        assertThat(ConflationKey.extract("{not json}", "sym")).isEmpty();
        assertThat(ConflationKey.extract("", "sym")).isEmpty();
        assertThat(ConflationKey.extract(null, "sym")).isEmpty();
    }

    @Test
    void noPathMeansTheDefaultKey() {
        assertThat(ConflationKey.extract("{\"sym\":\"BTC\"}", null)).isEmpty();
        assertThat(ConflationKey.extract("{\"sym\":\"BTC\"}", "")).isEmpty();
    }
}
