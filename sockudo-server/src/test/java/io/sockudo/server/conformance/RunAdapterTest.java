package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The suites run once with the local adapter and again with the adapter the run names
 * ({@code sockudo.test.adapter}): this checks that a run named a driver its servers really use,
 * so a suite that passes "over Redis" did not quietly run on the local adapter.
 */
class RunAdapterTest {

    @Test
    void theServersOfThisRunUseTheAdapterItNames() {
        String driver = System.getProperty("sockudo.test.adapter", "local");
        try (SockudoServer server = TestServer.start()) {
            if (driver.equals("local")) {
                assertThat(server.nodeId()).as("a local server has no cluster").isNull();
            } else {
                assertThat(server.nodeId()).as("a one-node cluster over " + driver).isNotNull();
                assertThat(server.clusterConnected()).isTrue();
                assertThat(server.peers()).as("servers of one run never join each other").isEmpty();
            }
        }
    }
}
