package io.sockudo.adapter;

import java.util.function.LongSupplier;

/**
 * The engine's one clock: monotonic nanoseconds, for activity timeouts, rate windows, delta state
 * ages and debounces. Injected through {@link EngineOptions.Builder#clock(EngineClock)}, so tests
 * move time by hand and nothing in the engine reads the system clock on its own.
 */
@FunctionalInterface
public interface EngineClock extends LongSupplier {

    /** The system's monotonic clock. */
    EngineClock SYSTEM = System::nanoTime;

    /** Now, in nanoseconds from an arbitrary origin; only differences mean anything. */
    long nanoTime();

    @Override
    default long getAsLong() {
        return nanoTime();
    }
}
