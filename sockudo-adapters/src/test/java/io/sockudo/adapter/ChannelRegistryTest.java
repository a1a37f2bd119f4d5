package io.sockudo.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChannelRegistryTest {

    private final ChannelRegistry registry = new ChannelRegistry(2);

    @Test
    void theFirstJoinOccupiesTheChannelAndLaterJoinsShareIt() {
        ChannelRegistry.Joined first = registry.join("news");
        ChannelRegistry.Joined second = registry.join("news");

        assertThat(first.occupied()).isTrue();
        assertThat(second.occupied()).isFalse();
        assertThat(second.channel()).isSameAs(first.channel());
        assertThat(first.channel().subscriptionCount()).isEqualTo(2);
        assertThat(first.channel().name()).isEqualTo("news");
        assertThat(first.channel().shardCount()).isEqualTo(2);
        assertThat(registry.get("news")).isSameAs(first.channel());
    }

    @Test
    void onlyTheLastLeaveVacatesTheChannelAndRemovesIt() {
        Channel channel = registry.join("news").channel();
        registry.join("news");

        assertThat(registry.leave(channel)).isFalse();
        assertThat(channel.subscriptionCount()).isEqualTo(1);
        assertThat(registry.get("news")).isSameAs(channel);

        assertThat(registry.leave(channel)).isTrue();
        assertThat(channel.subscriptionCount()).isZero();
        assertThat(registry.get("news")).isNull();
        assertThat(registry.size()).isZero();
    }

    @Test
    void aChannelJoinedAfterItEmptiedIsANewObject() {
        Channel old = registry.join("news").channel();
        registry.leave(old);

        ChannelRegistry.Joined again = registry.join("news");

        assertThat(again.occupied()).isTrue();
        assertThat(again.channel()).isNotSameAs(old);
        assertThat(again.channel().subscriptionCount()).isEqualTo(1);
    }

    @Test
    void leavingThroughAStaleChannelObjectDoesNotTouchItsSuccessor() {
        Channel old = registry.join("news").channel();
        registry.leave(old);
        Channel current = registry.join("news").channel();

        assertThat(registry.leave(old)).isFalse();

        assertThat(current.subscriptionCount()).isEqualTo(1);
        assertThat(registry.get("news")).isSameAs(current);
    }

    @Test
    void channelsAreListedByPrefix() {
        registry.join("presence-room");
        registry.join("private-a");
        registry.join("private-b");

        assertThat(registry.list(null)).extracting(Channel::name)
                .containsExactlyInAnyOrder("presence-room", "private-a", "private-b");
        assertThat(registry.list("private-")).extracting(Channel::name)
                .containsExactlyInAnyOrder("private-a", "private-b");
        assertThat(registry.size()).isEqualTo(3);
    }

    @Test
    void theChannelKindFollowsItsName() {
        assertThat(registry.join("presence-room").channel().roster()).isNotNull();
        assertThat(registry.join("private-room").channel().roster()).isNull();
    }

    @Test
    void concurrentJoinsAndLeavesKeepTheCountExact() throws Exception {
        int threads = 4;
        int rounds = 2000;
        int keptPerThread = 25;
        AtomicInteger occupied = new AtomicInteger();
        AtomicInteger vacated = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Channel>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await(5, TimeUnit.SECONDS);
                    List<Channel> kept = new ArrayList<>();
                    for (int i = 0; i < rounds; i++) {
                        ChannelRegistry.Joined j = registry.join("busy");
                        if (j.occupied()) {
                            occupied.incrementAndGet();
                        }
                        if (i % (rounds / keptPerThread) == 0) {
                            kept.add(j.channel());
                        } else if (registry.leave(j.channel())) {
                            vacated.incrementAndGet();
                        }
                    }
                    return kept;
                }));
            }
            List<Channel> kept = new ArrayList<>();
            for (Future<List<Channel>> r : results) {
                kept.addAll(r.get(10, TimeUnit.SECONDS));
            }

            Channel busy = registry.get("busy");
            assertThat(kept).hasSize(threads * keptPerThread).allMatch(c -> c == busy);
            assertThat(busy.subscriptionCount()).isEqualTo(threads * keptPerThread);
            assertThat(occupied.get()).isEqualTo(vacated.get() + 1);

            for (Channel c : kept) {
                if (registry.leave(c)) {
                    vacated.incrementAndGet();
                }
            }
            assertThat(registry.get("busy")).isNull();
            assertThat(occupied.get()).isEqualTo(vacated.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentChurnThatEmptiesTheChannelPairsEveryOccupiedWithOneVacated() throws Exception {
        int threads = 4;
        int rounds = 2000;
        AtomicInteger occupied = new AtomicInteger();
        AtomicInteger vacated = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await(5, TimeUnit.SECONDS);
                    for (int i = 0; i < rounds; i++) {
                        ChannelRegistry.Joined j = registry.join("flicker");
                        if (j.occupied()) {
                            occupied.incrementAndGet();
                        }
                        assertThat(j.channel().subscriptionCount()).isPositive();
                        if (registry.leave(j.channel())) {
                            vacated.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> r : results) {
                r.get(10, TimeUnit.SECONDS);
            }

            assertThat(registry.get("flicker")).isNull();
            assertThat(occupied.get()).isPositive().isEqualTo(vacated.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
