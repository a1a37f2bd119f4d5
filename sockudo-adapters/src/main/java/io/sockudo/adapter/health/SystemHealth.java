package io.sockudo.adapter.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The node's health as sockudo's {@code /up} reports it: every component is asked at once, each
 * within the timeout ({@code health_check_timeout_ms}); a critical one that fails or does not
 * answer in time makes the node {@link Status#ERROR}, any other one {@link Status#DEGRADED}.
 */
public final class SystemHealth {

    public enum Status { OK, DEGRADED, ERROR }

    /** The verdict and the problems behind it, in component order. */
    public record Report(Status status, List<String> problems) {

        public Report {
            problems = List.copyOf(problems);
        }

        public static Report error(String problem) {
            return new Report(Status.ERROR, List.of(problem));
        }
    }

    /** A named component; a critical one's failure means the node cannot serve. */
    public record Component(String name, HealthCheck check, boolean critical) {

        public Component {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(check, "check");
        }
    }

    private final List<Component> components;
    private final Duration timeout;

    public SystemHealth(List<Component> components, Duration timeout) {
        this.components = List.copyOf(components);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Asks every component; never completes exceptionally. */
    public CompletableFuture<Report> check() {
        List<CompletableFuture<String>> answers = new ArrayList<>(components.size());
        for (Component c : components) {
            answers.add(ask(c));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).handle((x, e) -> {
            Status status = Status.OK;
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < components.size(); i++) {
                String problem = answers.get(i).join();
                if (problem != null) {
                    problems.add(problem);
                    status = components.get(i).critical() ? Status.ERROR : status == Status.ERROR ? status : Status.DEGRADED;
                }
            }
            return new Report(status, problems);
        });
    }

    /** A component's problem, or null when it is healthy. */
    private CompletableFuture<String> ask(Component c) {
        CompletableFuture<Health> answer;
        try {
            answer = c.check().health().toCompletableFuture();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((h, e) -> {
            if (e != null) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                return cause instanceof java.util.concurrent.TimeoutException
                        ? c.name() + ": no answer within " + timeout.toMillis() + " ms"
                        : c.name() + ": " + cause.getMessage();
            }
            return h.healthy() ? null : c.name() + ": " + h.problem();
        });
    }
}
