package io.sockudo.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.connection.WireFormat;
import io.sockudo.adapter.testing.ManualClock;
import io.sockudo.adapter.testing.ManualShards;
import io.sockudo.protocol.PresenceMember;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Another node's member arriving (or leaving) on the backbone's thread while this node creates
 * the presence channel for its first local subscriber on an I/O thread: whichever comes first,
 * the member change is told to the webhooks exactly once. A creation that seeded its roster
 * between the member's registration and the roster update used to swallow it.
 */
class RemoteMemberRaceTest {

    private static final int ROUNDS = 3_000;
    private static final PresenceMember ALICE = new PresenceMember("alice", "\"alice\"", "{}");

    private final LocalAdapter local = new LocalAdapter(new ManualShards(2, new ManualClock()).array(), WireFormat.RAW);
    private final ConcurrentHashMap<String, AtomicInteger> added = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> removed = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    RemoteMemberRaceTest() {
        local.clusterRosters().memberChanges((appId, channel, member, joined) ->
                (joined ? added : removed).computeIfAbsent(channel, k -> new AtomicInteger()).incrementAndGet());
    }

    @AfterEach
    void stop() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aMemberArrivingWhileItsChannelIsCreatedIsAddedOnce() throws Exception {
        List<String> channels = race(channel -> local.clusterRosters().joined("node-b", "app", channel, ALICE));

        for (String channel : channels) {
            assertThat(count(added, channel)).as("member_added for %s", channel).isEqualTo(1);
            assertThat(local.state("app").channels().get(channel).roster().contains("alice")).isTrue();
        }
    }

    @Test
    void aMemberLeavingWhileItsChannelIsCreatedIsRemovedOnce() throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            local.clusterRosters().joined("node-b", "app", "presence-race-" + i, ALICE);
        }
        List<String> channels = race(channel -> local.clusterRosters().left("node-b", "app", channel, "alice"));

        for (String channel : channels) {
            assertThat(count(removed, channel)).as("member_removed for %s", channel).isEqualTo(1);
            assertThat(local.state("app").channels().get(channel).roster().contains("alice")).isFalse();
        }
    }

    @Test
    void aDeadNodesMembersLeaveOnceEachWhileTheirChannelsAreCreated() throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            local.clusterRosters().joined("node-b", "app", "presence-race-" + i, ALICE);
        }
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            channels.add("presence-race-" + i);
        }
        Future<?> gone = threads.submit(() -> local.clusterRosters().nodeGone("node-b"));
        Future<?> created = threads.submit(() -> channels.forEach(c -> local.state("app").channels().join(c)));
        gone.get(30, TimeUnit.SECONDS);
        created.get(30, TimeUnit.SECONDS);

        for (String channel : channels) {
            assertThat(count(removed, channel)).as("member_removed for %s", channel).isEqualTo(1);
        }
    }

    /**
     * Each round, one thread creates a fresh presence channel (its first local subscriber) while
     * the other applies {@code change} to it, both released at once; returns the channels.
     */
    private List<String> race(Consumer<String> change) throws Exception {
        List<String> channels = new ArrayList<>();
        CyclicBarrier start = new CyclicBarrier(2);
        for (int i = 0; i < ROUNDS; i++) {
            String channel = "presence-race-" + i;
            channels.add(channel);
            Future<?> created = threads.submit(() -> {
                start.await();
                return local.state("app").channels().join(channel);
            });
            Future<?> changed = threads.submit(() -> {
                start.await();
                change.accept(channel);
                return null;
            });
            created.get(10, TimeUnit.SECONDS);
            changed.get(10, TimeUnit.SECONDS);
        }
        return channels;
    }

    private static int count(ConcurrentHashMap<String, AtomicInteger> counts, String channel) {
        AtomicInteger n = counts.get(channel);
        return n == null ? 0 : n.get();
    }
}
