package io.sockudo.transport.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory that request bodies being read may take together, shared by every connection and
 * I/O thread. Readers reserve bytes before they allocate them and give them back when the
 * request is done; a reservation that does not fit is refused rather than waited for, so an I/O
 * thread never blocks on it.
 */
final class BodyBudget {

    private final long capacity;
    private final AtomicLong reserved = new AtomicLong();

    BodyBudget(long capacity) {
        this.capacity = capacity;
    }

    /** Takes {@code bytes} from the budget, or nothing and false when they do not fit. */
    boolean tryReserve(long bytes) {
        long now;
        do {
            now = reserved.get();
            if (now + bytes > capacity) {
                return false;
            }
        } while (!reserved.compareAndSet(now, now + bytes));
        return true;
    }

    void release(long bytes) {
        reserved.addAndGet(-bytes);
    }

    /** Bytes reserved right now. */
    long reserved() {
        return reserved.get();
    }
}
