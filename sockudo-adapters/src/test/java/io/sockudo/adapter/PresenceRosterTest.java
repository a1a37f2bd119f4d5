package io.sockudo.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.protocol.PresenceMember;
import io.sockudo.protocol.ServerFrames;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PresenceRosterTest {

    private final PresenceRoster roster = new PresenceRoster();
    /** Versions announced, in announcement order. */
    private final List<Long> announced = new ArrayList<>();
    private final PresenceRoster.Announcer record = announced::add;

    private static PresenceMember member(String id) {
        return PresenceMember.parse("{\"user_id\":\"" + id + "\",\"user_info\":{\"name\":\"" + id.toUpperCase() + "\"}}");
    }

    @Test
    void aNewUserIsAnnouncedAndListed() {
        PresenceRoster.Join join = roster.join(member("ann"), 0, record);

        assertThat(join.newMember()).isTrue();
        assertThat(join.version()).isEqualTo(1);
        assertThat(join.members()).containsExactly(new ServerFrames.Member("ann", "{\"name\":\"ANN\"}"));
        assertThat(announced).containsExactly(1L);
        assertThat(roster.contains("ann")).isTrue();
        assertThat(roster.userCount()).isEqualTo(1);
    }

    @Test
    void moreSocketsOfOneUserAreOneMemberAnnouncedOnce() {
        roster.join(member("ann"), 0, record);

        PresenceRoster.Join secondTab = roster.join(member("ann"), 0, record);
        PresenceRoster.Join thirdTab = roster.join(member("ann"), 0, record);

        assertThat(secondTab.newMember()).isFalse();
        assertThat(thirdTab.newMember()).isFalse();
        assertThat(thirdTab.version()).isEqualTo(1);
        assertThat(thirdTab.members()).hasSize(1);
        assertThat(roster.userCount()).isEqualTo(1);
        assertThat(announced).containsExactly(1L);
    }

    @Test
    void aUserLeavesWithItsLastSocketOnly() {
        roster.join(member("ann"), 0, record);
        roster.join(member("ann"), 0, record);

        assertThat(roster.leave("ann", record)).isFalse();
        assertThat(roster.contains("ann")).isTrue();
        assertThat(announced).containsExactly(1L);

        assertThat(roster.leave("ann", record)).isTrue();
        assertThat(roster.contains("ann")).isFalse();
        assertThat(roster.userCount()).isZero();
        assertThat(announced).containsExactly(1L, 2L);
    }

    @Test
    void leavingAsAnUnknownUserChangesNothing() {
        roster.join(member("ann"), 0, record);

        assertThat(roster.leave("bob", record)).isFalse();

        assertThat(announced).containsExactly(1L);
        assertThat(roster.userCount()).isEqualTo(1);
    }

    @Test
    void aFullChannelRefusesNewUsersButAdmitsMoreSocketsOfPresentOnes() {
        roster.join(member("ann"), 2, record);
        roster.join(member("bob"), 2, record);

        PresenceRoster.Join refused = roster.join(member("cid"), 2, record);
        PresenceRoster.Join anotherTab = roster.join(member("ann"), 2, record);

        assertThat(refused).isNull();
        assertThat(anotherTab).isNotNull();
        assertThat(anotherTab.newMember()).isFalse();
        assertThat(roster.contains("cid")).isFalse();
        assertThat(announced).containsExactly(1L, 2L);
    }

    @Test
    void aLeaveMakesRoomForTheNextUser() {
        roster.join(member("ann"), 1, record);
        roster.leave("ann", record);

        PresenceRoster.Join join = roster.join(member("bob"), 1, record);

        assertThat(join).isNotNull();
        assertThat(join.newMember()).isTrue();
        assertThat(join.version()).isEqualTo(3);
    }

    @Test
    void zeroMeansNoMemberLimit() {
        for (int i = 0; i < 500; i++) {
            assertThat(roster.join(member("u" + i), 0, record)).isNotNull();
        }
        assertThat(roster.userCount()).isEqualTo(500);
    }

    @Test
    void membersAreListedInTheOrderTheyJoined() {
        roster.join(member("cid"), 0, record);
        roster.join(member("ann"), 0, record);
        roster.join(member("bob"), 0, record);
        roster.leave("ann", record);

        assertThat(roster.snapshot()).extracting(ServerFrames.Member::userId).containsExactly("cid", "bob");
    }

    @Test
    void everyChangeBumpsTheVersionAndJoinsReportTheCurrentOne() {
        assertThat(roster.join(member("ann"), 0, record).version()).isEqualTo(1);
        assertThat(roster.join(member("bob"), 0, record).version()).isEqualTo(2);
        roster.leave("ann", record);
        assertThat(roster.join(member("bob"), 0, record).version()).isEqualTo(3);
        assertThat(roster.join(member("ann"), 0, record).version()).isEqualTo(4);
        assertThat(announced).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void concurrentJoinsAndLeavesAreAnnouncedInStrictlyIncreasingVersionOrder() throws Exception {
        int threads = 4;
        int rounds = 1500;
        // a plain list: the announcer runs inside the roster's monitor, so appends never race
        List<Long> order = new ArrayList<>();
        PresenceRoster.Announcer announcer = order::add;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await(5, TimeUnit.SECONDS);
                    int changes = 0;
                    for (int i = 0; i < rounds; i++) {
                        // a user of its own and a user shared with every other thread
                        PresenceMember mine = member("t" + thread + "-" + (i % 3));
                        PresenceMember shared = member("shared");
                        if (roster.join(mine, 0, announcer).newMember()) {
                            changes++;
                        }
                        if (roster.join(shared, 0, announcer).newMember()) {
                            changes++;
                        }
                        if (roster.leave(mine.userId(), announcer)) {
                            changes++;
                        }
                        if (roster.leave(shared.userId(), announcer)) {
                            changes++;
                        }
                    }
                    return changes;
                }));
            }
            int changes = 0;
            for (Future<Integer> r : results) {
                changes += r.get(10, TimeUnit.SECONDS);
            }

            assertThat(order).hasSize(changes);
            for (int i = 0; i < order.size(); i++) {
                assertThat(order.get(i)).as("announcement %d", i).isEqualTo(i + 1L);
            }
            assertThat(roster.userCount()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
