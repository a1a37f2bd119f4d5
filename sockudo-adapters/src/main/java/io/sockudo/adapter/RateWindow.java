package io.sockudo.adapter;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A per-second budget shared by many threads, without a lock: the current second and the count
 * used in it live in one long (second in the high 32 bits, count in the low 32), updated by CAS.
 */
public final class RateWindow {

    private final AtomicLong state = new AtomicLong();

    /**
     * Takes {@code n} from this second's budget of {@code perSecond}.
     *
     * @return true when it fit; false (and nothing taken) when it would exceed the budget
     */
    public boolean tryAcquire(int n, int perSecond, long nowMillis) {
        if (perSecond <= 0) {
            return true;
        }
        long second = nowMillis / 1000;
        while (true) {
            long s = state.get();
            long used = (s >>> 32) == (second & 0xFFFFFFFFL) ? s & 0xFFFFFFFFL : 0;
            if (used + n > perSecond) {
                return false;
            }
            long next = ((second & 0xFFFFFFFFL) << 32) | (used + n);
            if (state.compareAndSet(s, next)) {
                return true;
            }
        }
    }
}
