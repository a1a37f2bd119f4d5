package io.sockudo.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemberSetTest {

    /** A member compared by identity only, as subscriptions are. */
    private static final class Member {
        private final int n;

        Member(int n) {
            this.n = n;
        }

        @Override
        public String toString() {
            return "member-" + n;
        }
    }

    private static List<Member> members(int count) {
        List<Member> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new Member(i));
        }
        return out;
    }

    private static List<Member> visited(MemberSet<Member> set) {
        List<Member> seen = new ArrayList<>();
        set.forEach(seen::add);
        return seen;
    }

    /** The length of the backing array: the memory the set holds on to. */
    private static int capacity(MemberSet<?> set) {
        try {
            Field slots = MemberSet.class.getDeclaredField("slots");
            slots.setAccessible(true);
            return ((Object[]) slots.get(set)).length;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anAddedMemberIsContainedAndCounted() {
        MemberSet<Member> set = new MemberSet<>();
        Member a = new Member(1);

        assertThat(set.add(a)).isTrue();

        assertThat(set.contains(a)).isTrue();
        assertThat(set.contains(new Member(1))).as("identity, not equality").isFalse();
        assertThat(set.size()).isEqualTo(1);
    }

    @Test
    void addingAMemberTwiceKeepsOneCopy() {
        MemberSet<Member> set = new MemberSet<>();
        Member a = new Member(1);
        set.add(a);

        assertThat(set.add(a)).isFalse();

        assertThat(set.size()).isEqualTo(1);
        assertThat(visited(set)).containsExactly(a);
    }

    @Test
    void aRemovedMemberIsGoneAndRemovingItAgainReportsAbsence() {
        MemberSet<Member> set = new MemberSet<>();
        Member a = new Member(1);
        Member b = new Member(2);
        set.add(a);
        set.add(b);

        assertThat(set.remove(a)).isTrue();
        assertThat(set.remove(a)).isFalse();

        assertThat(set.contains(a)).isFalse();
        assertThat(set.contains(b)).isTrue();
        assertThat(set.size()).isEqualTo(1);
        assertThat(visited(set)).containsExactly(b);
    }

    @Test
    void anEmptySetContainsNothingAndRemovesNothing() {
        MemberSet<Member> set = new MemberSet<>();
        Member a = new Member(1);

        assertThat(set.contains(a)).isFalse();
        assertThat(set.remove(a)).isFalse();
        assertThat(set.size()).isZero();
        assertThat(visited(set)).isEmpty();
    }

    @Test
    void growsToHoldThousandsOfMembersAndVisitsEachOnce() {
        MemberSet<Member> set = new MemberSet<>();
        List<Member> all = members(5000);
        all.forEach(set::add);

        assertThat(set.size()).isEqualTo(5000);
        assertThat(all).allMatch(set::contains);
        List<Member> seen = visited(set);
        assertThat(seen).hasSize(5000);
        Set<Member> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(seen);
        assertThat(distinct).hasSize(5000).containsAll(all);
        // open addressing needs free slots: the table stays at most three quarters full
        assertThat(capacity(set) * 3).isGreaterThanOrEqualTo(5000 * 4);
    }

    @Test
    void shrinksWhenMostMembersLeaveAndKeepsTheRest() {
        MemberSet<Member> set = new MemberSet<>();
        List<Member> all = members(4096);
        all.forEach(set::add);
        int grown = capacity(set);

        List<Member> staying = all.subList(0, 10);
        all.subList(10, all.size()).forEach(set::remove);

        assertThat(capacity(set)).isLessThan(grown / 8);
        assertThat(set.size()).isEqualTo(10);
        assertThat(staying).allMatch(set::contains);
        assertThat(visited(set)).containsExactlyInAnyOrderElementsOf(staying);
    }

    @Test
    void emptyingTheSetReleasesItsTable() {
        MemberSet<Member> set = new MemberSet<>();
        List<Member> all = members(100);
        all.forEach(set::add);

        all.forEach(set::remove);

        assertThat(set.size()).isZero();
        assertThat(capacity(set)).isZero();
        assertThat(visited(set)).isEmpty();
    }

    @Test
    void slotsFreedByRemovalsAreReusedSoChurnDoesNotGrowTheTable() {
        MemberSet<Member> set = new MemberSet<>();
        List<Member> resident = members(5);
        resident.forEach(set::add);
        Member first = new Member(-1);
        set.add(first);
        set.remove(first);
        int before = capacity(set);

        for (int i = 0; i < 100_000; i++) {
            Member visitor = new Member(-i);
            set.add(visitor);
            set.remove(visitor);
        }

        assertThat(capacity(set)).isEqualTo(before);
        assertThat(set.size()).isEqualTo(5);
        assertThat(visited(set)).containsExactlyInAnyOrderElementsOf(resident);
    }

    @Test
    void aMemberBehindARemovedOneIsStillFoundAndNotAddedTwice() {
        // five members crowd a table of eight slots, so probes run past each other; removing two
        // leaves tombstones that lookups must step over and adds may fill
        MemberSet<Member> set = new MemberSet<>();
        List<Member> five = members(5);
        five.forEach(set::add);
        set.remove(five.get(0));
        set.remove(five.get(1));

        for (Member m : five.subList(2, 5)) {
            assertThat(set.contains(m)).isTrue();
            assertThat(set.add(m)).as("already present behind a tombstone").isFalse();
        }
        assertThat(set.size()).isEqualTo(3);
        assertThat(set.add(five.get(0))).isTrue();
        assertThat(set.size()).isEqualTo(4);
        assertThat(visited(set)).containsExactlyInAnyOrder(five.get(0), five.get(2), five.get(3), five.get(4));
    }

    @Test
    void agreesWithAReferenceSetUnderARandomSequenceOfAddsAndRemoves() {
        Random random = new Random(20240601L);
        List<Member> pool = members(300);
        MemberSet<Member> set = new MemberSet<>();
        Set<Member> reference = Collections.newSetFromMap(new IdentityHashMap<>());

        for (int step = 0; step < 50_000; step++) {
            Member m = pool.get(random.nextInt(pool.size()));
            // phases of mostly adding and mostly removing, so the table grows and shrinks repeatedly
            boolean adding = random.nextInt(100) < ((step / 2000) % 2 == 0 ? 70 : 30);
            if (adding) {
                assertThat(set.add(m)).isEqualTo(reference.add(m));
            } else {
                assertThat(set.remove(m)).isEqualTo(reference.remove(m));
            }
            assertThat(set.size()).isEqualTo(reference.size());
            if (step % 1000 == 0) {
                assertThat(visited(set)).containsExactlyInAnyOrderElementsOf(reference);
                for (Member p : pool) {
                    assertThat(set.contains(p)).isEqualTo(reference.contains(p));
                }
            }
        }
        assertThat(visited(set)).containsExactlyInAnyOrderElementsOf(reference);
    }

    @Test
    void theVisitorWithAnArgumentSeesEveryMemberOnce() {
        MemberSet<Member> set = new MemberSet<>();
        List<Member> all = members(40);
        all.forEach(set::add);
        List<Member> seen = new ArrayList<>();

        set.forEach(seen, (m, sink) -> sink.add(m));

        assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
    }
}
