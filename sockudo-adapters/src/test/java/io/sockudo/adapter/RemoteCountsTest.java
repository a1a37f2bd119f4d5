package io.sockudo.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.cluster.NodeCount;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteCountsTest {

    private static final NodeCount.Key ROOM = new NodeCount.Key(NodeCount.Kind.CHANNEL_SOCKETS, "app", "room");
    private static final NodeCount.Key ANN = new NodeCount.Key(NodeCount.Kind.USER_CONNECTIONS, "app", "ann");

    private final RemoteCounts counts = new RemoteCounts();
    private final List<NodeCount.Key> heard = new ArrayList<>();

    RemoteCountsTest() {
        counts.listener(heard::add);
    }

    @Test
    void theTotalIsTheSumOfEachNodesLatestValue() {
        counts.set("a", ROOM.withCount(2));
        counts.set("b", ROOM.withCount(3));
        counts.set("a", ROOM.withCount(1));
        assertThat(counts.total(ROOM)).isEqualTo(4);
        assertThat(heard).containsExactly(ROOM, ROOM, ROOM);
    }

    @Test
    void aRepeatedValueChangesNothingAndIsNotHeard() {
        counts.set("a", ROOM.withCount(2));
        counts.set("a", ROOM.withCount(2));
        counts.set("b", ANN.withCount(0));
        assertThat(heard).containsExactly(ROOM);
        assertThat(counts.total(ANN)).isZero();
    }

    @Test
    void aNodeThatLeavesTakesItsCountsAlong() {
        counts.set("a", ROOM.withCount(2));
        counts.set("a", ANN.withCount(1));
        counts.set("b", ROOM.withCount(1));
        heard.clear();
        counts.forget("a");
        assertThat(counts.total(ROOM)).isEqualTo(1);
        assertThat(counts.total(ANN)).isZero();
        assertThat(heard).containsExactlyInAnyOrder(ROOM, ANN);
    }

    @Test
    void aRepeatReplacesWhatTheNodeHadWithoutLosingWhatStayed() {
        counts.set("a", ROOM.withCount(2));
        counts.set("a", ANN.withCount(1));
        heard.clear();
        counts.replace("a", List.of(ANN.withCount(1)));
        assertThat(counts.total(ROOM)).isZero();
        assertThat(counts.total(ANN)).isEqualTo(1);
        assertThat(heard).as("ann never seemed to go").containsExactly(ROOM);
    }
}
