package io.sockudo.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void refusesTargetsOutsideLoopback() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--mode", "idle", "--host", "10.1.2.3", "--port", "7001"}))
                .hasMessageContaining("only talks to loopback");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--mode", "churn", "--port", "7001", "--metrics-host", "192.168.1.1"}))
                .hasMessageContaining("only talks to loopback");
    }

    @Test
    void acceptsAnyLoopbackAddress() {
        LoadOptions o = LoadOptions.parse(new String[] {"--mode", "idle", "--host", "127.0.0.9", "--port", "7001"});
        assertThat(o.target().address().isLoopbackAddress()).isTrue();
    }

    @Test
    void capsConnectionsAndDuration() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--mode", "idle", "--port", "7001", "--connections", "60001"}))
                .hasMessageContaining("--connections must be 0..60000");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--mode", "idle", "--port", "7001", "--max-seconds", "601"}))
                .hasMessageContaining("--max-seconds must be 1..600");
    }

    @Test
    void leavesRoomForTheProcessOwnFilesUnderTheOpenFilesLimit() {
        assertThat(LoadOptions.socketBudget(20_000)).isEqualTo(19_800);
        assertThat(LoadOptions.socketBudget(1_000_000)).isEqualTo(LoadOptions.MAX_CONNECTIONS);
    }

    @Test
    void refusesMisspeltOptions() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--mode", "idle", "--port", "7001", "--conections", "5"}))
                .hasMessageContaining("unknown option(s): --conections");
    }

    @Test
    void spreadsConnectionsOverSourceAddressesFrom127002() {
        LoadOptions o = LoadOptions.parse(new String[] {"--mode", "idle", "--port", "7001", "--sources", "3"});
        assertThat(o.connect().sources()).extracting(a -> a.getHostAddress())
                .containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4");
    }

    @Test
    void generatorsSideBySideTakeSourceAddressesOfTheirOwn() {
        LoadOptions o = LoadOptions.parse(new String[] {"--mode", "hold", "--port", "7001", "--sources", "2", "--source-offset", "4"});
        assertThat(o.connect().sources()).extracting(a -> a.getHostAddress()).containsExactly("127.0.0.6", "127.0.0.7");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--mode", "hold", "--port", "7001", "--sources", "4",
                "--source-offset", "250"})).hasMessageContaining("sources + source offset must be 0..253");
    }

    @Test
    void thePublisherOpensNoConnections() {
        LoadOptions o = LoadOptions.parse(new String[] {"--mode", "publish", "--port", "7001", "--rates", "1000,5000"});
        assertThat(o.connect().connections()).isZero();
        assertThat(o.publish().rates()).containsExactly(1000, 5000);
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--mode", "publish", "--port", "7001", "--connections", "10"}))
                .hasMessageContaining("opens no connections");
    }

    @Test
    void aHoldCanEndOnAFileAndLeaveItsLatencies() {
        LoadOptions o = LoadOptions.parse(new String[] {"--mode", "hold", "--port", "7001", "--until-file", "/tmp/x.stop",
                "--histogram-out", "/tmp/x.hist"});
        assertThat(o.window()).isEqualTo(new LoadOptions.Window("/tmp/x.stop", "/tmp/x.hist"));
        assertThat(LoadOptions.parse(new String[] {"--mode", "hold", "--port", "7001"}).window())
                .isEqualTo(new LoadOptions.Window(null, null));
    }

    @Test
    void theBaselineHasNoChannelsToChurnOrJoin() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--mode", "presence", "--server", "baseline", "--port", "7001"}))
                .hasMessageContaining("baseline server has no channels");
    }
}
