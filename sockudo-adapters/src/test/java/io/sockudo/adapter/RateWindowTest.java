package io.sockudo.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateWindowTest {

    private static final long SECOND_5 = 5_000;

    private final RateWindow window = new RateWindow();

    @Test
    void admitsTheBudgetOfASecondAndNoMore() {
        assertThat(window.tryAcquire(1, 3, SECOND_5)).isTrue();
        assertThat(window.tryAcquire(1, 3, SECOND_5 + 10)).isTrue();
        assertThat(window.tryAcquire(1, 3, SECOND_5 + 500)).isTrue();

        assertThat(window.tryAcquire(1, 3, SECOND_5 + 600)).isFalse();
        assertThat(window.tryAcquire(1, 3, SECOND_5 + 999)).isFalse();
    }

    @Test
    void theBudgetIsRenewedWhenTheNextSecondStarts() {
        for (int i = 0; i < 3; i++) {
            window.tryAcquire(1, 3, SECOND_5);
        }

        assertThat(window.tryAcquire(1, 3, SECOND_5 + 1000)).isTrue();
        assertThat(window.tryAcquire(1, 3, SECOND_5 + 1001)).isTrue();
        assertThat(window.tryAcquire(1, 3, SECOND_5 + 1002)).isTrue();
        assertThat(window.tryAcquire(1, 3, SECOND_5 + 1003)).isFalse();
        assertThat(window.tryAcquire(1, 3, SECOND_5 + 7000)).isTrue();
    }

    @Test
    void takesSeveralUnitsAtOnceOrNoneAtAll() {
        assertThat(window.tryAcquire(7, 10, SECOND_5)).isTrue();

        assertThat(window.tryAcquire(4, 10, SECOND_5)).as("would exceed: nothing taken").isFalse();
        assertThat(window.tryAcquire(3, 10, SECOND_5)).isTrue();
        assertThat(window.tryAcquire(1, 10, SECOND_5)).isFalse();
    }

    @Test
    void aRequestLargerThanTheWholeBudgetNeverFits() {
        assertThat(window.tryAcquire(11, 10, SECOND_5)).isFalse();
        assertThat(window.tryAcquire(10, 10, SECOND_5)).isTrue();
    }

    @Test
    void aBudgetOfZeroMeansUnlimited() {
        for (int i = 0; i < 10_000; i++) {
            assertThat(window.tryAcquire(100, 0, SECOND_5)).isTrue();
        }
    }

    @Test
    void concurrentAcquisitionsNeverExceedTheBudget() throws Exception {
        int threads = 4;
        int attempts = 2000;
        int budget = 1500;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int units = t % 2 == 0 ? 1 : 2;
                results.add(pool.submit(() -> {
                    start.await(5, TimeUnit.SECONDS);
                    int taken = 0;
                    for (int i = 0; i < attempts; i++) {
                        if (window.tryAcquire(units, budget, SECOND_5 + i % 1000)) {
                            taken += units;
                        }
                    }
                    return taken;
                }));
            }
            int taken = 0;
            for (Future<Integer> r : results) {
                taken += r.get(10, TimeUnit.SECONDS);
            }

            // 12000 units were asked for within one second: the budget is used up exactly
            assertThat(taken).isEqualTo(budget);
        } finally {
            pool.shutdownNow();
        }
    }
}
