package io.sockudo.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ClusterFlagsTest {

    private final ClusterFlags flags = new ClusterFlags();
    private final AtomicBoolean elsewhere = new AtomicBoolean();
    private final List<Boolean> changes = new ArrayList<>();

    private void here(boolean held) {
        flags.here("k", held, elsewhere::get, changes::add);
    }

    private void elsewhere(boolean held) {
        elsewhere.set(held);
        flags.elsewhere("k", elsewhere::get, changes::add);
    }

    @Test
    void aFlagHeldHereBeginsAndEndsWithThisNode() {
        here(true);
        here(false);
        assertThat(changes).containsExactly(true, false);
        assertThat(flags.isUp("k")).isFalse();
    }

    @Test
    void heldOnTwoNodesItBeginsOnceAndEndsWithTheLast() {
        here(true);
        elsewhere(true);
        here(false);
        assertThat(changes).containsExactly(true);
        elsewhere(false);
        assertThat(changes).containsExactly(true, false);
    }

    @Test
    void heldElsewhereFirstThisNodeJoiningChangesNothing() {
        elsewhere(true);
        here(true);
        elsewhere(false);
        assertThat(changes).containsExactly(true);
        assertThat(flags.isUp("k")).isTrue();
    }

    @Test
    void anEvaluationThatSeesNoChangeReportsNothing() {
        elsewhere(false);
        here(false);
        assertThat(changes).isEmpty();
        assertThat(flags.isUp("k")).isFalse();
    }
}
