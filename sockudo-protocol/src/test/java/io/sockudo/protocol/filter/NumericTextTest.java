package io.sockudo.protocol.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumericTextTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', value = {
        "0        | 0",
        "-0       | -0.0",
        "+5       | 5",
        "007      | 7",
        "1.5      | 1.5",
        "5.       | 5",
        ".5       | 0.5",
        "-.5      | -0.5",
        "1e3      | 1000",
        "1E3      | 1000",
        "1e+3     | 1000",
        "2.5e-3   | 0.0025",
        ".5E1     | 5",
        "1e400    | Infinity",
        "-1e400   | -Infinity",
        "1e-400   | 0",
        "0.1      | 0.1",
        "9007199254740993 | 9007199254740992",
        "inf      | Infinity",
        "INF      | Infinity",
        "+inf     | Infinity",
        "-inf     | -Infinity",
        "infinity | Infinity",
        "-InFiNiTy | -Infinity",
    })
    void readsTheRustFloatGrammar(String text, double expected) {
        assertThat(NumericText.isNumber(text)).isTrue();
        assertThat(NumericText.toDouble(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" is NaN")
    @ValueSource(strings = {"nan", "NaN", "NAN", "-nan", "+NaN"})
    void readsNanSpellingsAsNan(String text) {
        assertThat(NumericText.isNumber(text)).isTrue();
        assertThat(NumericText.toDouble(text)).isNaN();
    }

    @ParameterizedTest(name = "\"{0}\" is not a number")
    @ValueSource(strings = {
        "", "+", "-", ".", "+.", "e3", ".e3", "1e", "1e+", "1.5.2", "--1", "+-1",
        "0x10", "0X1A", "0x1p3", "5d", "5D", "5f", "5F", "5L",
        " 5", "5 ", "\t5", "5\n", "1 000", "1,5", "1_000",
        "in", "infinit", "infinityy", "nanx", "Infinity5", "NaN(1)", "\u0131nf", "\u0130NF",
        "\u0661", "١٢", "abc", "BTC", "１",
    })
    void refusesEverythingElse(String text) {
        assertThat(NumericText.isNumber(text)).isFalse();
        assertThat(NumericText.toDouble(text)).isNaN();
    }
}
