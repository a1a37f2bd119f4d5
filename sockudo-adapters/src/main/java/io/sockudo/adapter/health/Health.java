package io.sockudo.adapter.health;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What one component says of itself: working, or not and why.
 *
 * @param healthy whether it can do its job now
 * @param problem why not, for the log and the health report; null when healthy
 */
public record Health(boolean healthy, String problem) {

    private static final Health OK = new Health(true, null);
    private static final CompletableFuture<Health> OK_NOW = CompletableFuture.completedFuture(OK);

    public Health {
        if (!healthy) {
            Objects.requireNonNull(problem, "an unhealthy component says why");
        }
    }

    public static Health ok() {
        return OK;
    }

    public static Health down(String problem) {
        return new Health(false, problem);
    }

    /** The health of a component whose check is a call that either answers or fails. */
    public static CompletableFuture<Health> of(CompletableFuture<?> check) {
        return check.handle((answer, e) -> {
            if (e == null) {
                return OK;
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            return down(String.valueOf(cause.getMessage()));
        });
    }

    /** An answered check that found nothing wrong; shared, since callers only read it. */
    public static CompletableFuture<Health> okNow() {
        return OK_NOW;
    }
}
