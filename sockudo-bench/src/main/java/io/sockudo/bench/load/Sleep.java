package io.sockudo.bench.load;

/** Waiting in a run's control thread, where an interrupt means the run is over. */
final class Sleep {

    private Sleep() {
    }

    static void seconds(long s) {
        millis(s * 1000);
    }

    static void millis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
