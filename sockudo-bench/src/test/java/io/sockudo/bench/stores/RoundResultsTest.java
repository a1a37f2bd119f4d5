package io.sockudo.bench.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundResultsTest {

    @Test
    void comparesEachRoundWithTheReferenceOfTheSameRound() {
        RoundResults r = new RoundResults("memory");
        r.add("memory", 1000);
        r.add("mysql", 950);
        r.add("memory", 500);   // a round a neighbour slowed down: both sides dropped
        r.add("mysql", 490);
        r.add("memory", 1000);
        r.add("mysql", 1010);
        assertThat(r.drivers()).containsExactly("memory", "mysql");
        assertThat(r.ratios("mysql")).containsExactly(0.95, 0.98, 1.01);
        assertThat(r.medianRatio("mysql")).isEqualTo(0.98);
        assertThat(r.medianRatio("memory")).isEqualTo(1.0);
        assertThat(RoundResults.median(r.rounds("mysql"))).isEqualTo(950.0);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(RoundResults.median(List.of(4.0, 1.0, 3.0, 2.0))).isCloseTo(2.5, within(1e-12));
        assertThatThrownBy(() -> RoundResults.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesDriversMeasuredInDifferentRounds() {
        RoundResults r = new RoundResults("memory");
        r.add("memory", 1000);
        r.add("memory", 1000);
        r.add("postgres", 900);
        assertThatThrownBy(() -> r.ratios("postgres")).hasMessageContaining("rounds");
    }

    @Test
    void theTableShowsEveryRoundAndTheMedianRatio() {
        RoundResults r = new RoundResults("memory");
        r.add("memory", 10_000);
        r.add("postgres", 9_700);
        r.statements("postgres", 2);
        String table = StoresBench.publishTable(r);
        assertThat(table).contains("| memory | 10,000 | 10,000 | 1.000 | **1.000** | – |")
                .contains("| postgres | 9,700 | 9,700 | 0.970 | **0.970** | 2 |");
    }
}
