package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockudo.server.testing.NodeTestSummary;
import org.junit.jupiter.api.Test;

/** What counts as a passing Node run: at least one test, and no failure. */
class NodeTestSummaryTest {

    @Test
    void aRunOfPassingTestsPasses() {
        NodeTestSummary s = NodeTestSummary.of("TAP version 13\nok 1 - a\nok 2 - b\n1..2\n# tests 2\n# suites 0\n# pass 2\n# fail 0\n# cancelled 0\n");
        assertThat(s).isEqualTo(new NodeTestSummary(2, 2, 0));
        assertThat(s.requireAllPassed("run")).isSameAs(s);
    }

    @Test
    void aRunThatFoundNoTestFails() {
        NodeTestSummary s = NodeTestSummary.of("TAP version 13\n1..0\n# tests 0\n# suites 0\n# pass 0\n# fail 0\n");
        assertThatThrownBy(() -> s.requireAllPassed("run")).isInstanceOf(AssertionError.class).hasMessageContaining("ran no test");
    }

    @Test
    void aFailureFails() {
        NodeTestSummary s = NodeTestSummary.of("# tests 3\n# pass 2\n# fail 1\n");
        assertThatThrownBy(() -> s.requireAllPassed("run")).isInstanceOf(AssertionError.class).hasMessageContaining("2 of 3");
    }

    @Test
    void outputWithoutASummaryFails() {
        assertThatThrownBy(() -> NodeTestSummary.of("Error: Cannot find module\n")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("no test summary");
    }
}
