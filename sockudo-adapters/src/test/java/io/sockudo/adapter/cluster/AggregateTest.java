package io.sockudo.adapter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AggregateTest {

    private final Aggregate twoOfThree = new Aggregate(Set.of("b", "c", "d"), Map.of(
            "b", new Answer("app", Map.of("u1", "{\"n\":\"b\"}"), Map.of("x", 1L, "y", 2L), List.of("1.1", "9.9"), 3, false, List.of("x", "y"), 1),
            "c", new Answer("app", Map.of("u1", "{\"n\":\"c\"}", "u2", "null"), Map.of("y", 5L), List.of("2.1", "9.9"), 4, true, List.of("y"), 2)),
            false);

    @Test
    void countsAreSummedAndExistsIsAnyPeers() {
        assertThat(twoOfThree.socketsCount()).isEqualTo(7);
        assertThat(twoOfThree.membersCount()).isEqualTo(3);
        assertThat(twoOfThree.exists()).isTrue();
        assertThat(twoOfThree.channelsWithSocketsCount()).containsOnly(Map.entry("x", 1L), Map.entry("y", 7L));
    }

    @Test
    void membersSocketsAndChannelsAreUnitedWithoutDuplicates() {
        assertThat(twoOfThree.members()).containsOnlyKeys("u1", "u2");
        assertThat(twoOfThree.socketIds()).containsExactlyInAnyOrder("1.1", "2.1", "9.9");
        assertThat(twoOfThree.channels()).containsExactlyInAnyOrder("x", "y");
    }

    @Test
    void thePeersThatDidNotAnswerAreNamed() {
        assertThat(twoOfThree.complete()).isFalse();
        assertThat(twoOfThree.missing()).containsExactly("d");
    }

    @Test
    void theCachedEventWithTheMostTimeLeftIsTaken() {
        assertThat(twoOfThree.cachedEvent()).as("no peer has one").isNull();
        Aggregate cached = new Aggregate(Set.of("b", "c", "d"), Map.of(
                "b", Answer.cachedEvent("app", "older", 1000),
                "c", Answer.cachedEvent("app", "newer", 5000),
                "d", Answer.cachedEvent("app", "expired", 0)), true);
        assertThat(cached.cachedEvent().cachedEvent()).isEqualTo("newer");
    }

    @Test
    void noAnswerMeansNothing() {
        Aggregate none = new Aggregate(Set.of(), Map.of(), true);
        assertThat(none.socketsCount()).isZero();
        assertThat(none.exists()).isFalse();
        assertThat(none.members()).isEmpty();
    }
}
