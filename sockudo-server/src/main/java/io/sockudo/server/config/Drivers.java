package io.sockudo.server.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which driver of each pluggable part this server has. A driver named in the configuration but
 * not implemented stops the launcher: a node that silently falls back to the local adapter runs
 * as an island of a cluster, and one that falls back to memory loses what the operator meant to
 * share. Whoever adds a driver adds its name to {@link #TABLE}.
 */
final class Drivers {

    /**
     * One driver setting.
     *
     * @param key         the dotted config key
     * @param fallback    the driver when the key is missing
     * @param implemented the names this server serves, in lower case
     * @param known       names sockudo has that this server does not (yet): the refusal says so
     *                    rather than calling them unknown
     */
    record Choice(String key, String fallback, Set<String> implemented, Set<String> known) {
        Choice {
            implemented = Set.copyOf(implemented);
            known = Set.copyOf(known);
        }
    }

    /** Every driver setting, and the names implemented today. */
    static final List<Choice> TABLE = List.of(
            new Choice("adapter.driver", "local", Set.of("local", "redis", "redis-cluster", "nats"),
                    Set.of("pulsar", "rabbitmq", "google-pubsub", "kafka", "iggy")),
            // the stores' names live beside their readers, in StoreDrivers
            new Choice("app_manager.driver", "memory", Set.copyOf(StoreDrivers.APP_MANAGER), Set.of("surrealdb", "scylladb")),
            new Choice("cache.driver", "memory", Set.copyOf(StoreDrivers.CACHE), Set.of()),
            new Choice("queue.driver", "memory", Set.copyOf(StoreDrivers.QUEUE), Set.of("sqs", "sns", "none")),
            new Choice("rate_limiter.driver", "memory", Set.copyOf(StoreDrivers.RATE_LIMITER), Set.of()),
            new Choice("metrics.driver", "prometheus", Set.of("prometheus"), Set.of()));

    /** sockudo's variables for the driver settings, for {@link EnvOverlay}: the one place each is mapped. */
    static final List<EnvOverlay.Mapping> ENV = List.of(
            EnvOverlay.Mapping.of("ADAPTER_DRIVER", "adapter", "driver"),
            EnvOverlay.Mapping.of("APP_MANAGER_DRIVER", "app_manager", "driver"),
            EnvOverlay.Mapping.of("CACHE_DRIVER", "cache", "driver"),
            EnvOverlay.Mapping.of("QUEUE_DRIVER", "queue", "driver"),
            EnvOverlay.Mapping.of("RATE_LIMITER_DRIVER", "rate_limiter", "driver"),
            EnvOverlay.Mapping.of("METRICS_DRIVER", "metrics", "driver"));

    private Drivers() {
    }

    /** Refuses, naming the key (or variable) and why, the first driver this server cannot serve. */
    static void check(ConfigNode root) {
        for (Choice c : TABLE) {
            ConfigNode n = node(root, c.key());
            String name = n.string(c.fallback()).trim().toLowerCase(Locale.ROOT);
            if (!c.implemented().contains(name)) {
                String what = c.known().contains(name) ? "is not available in this server yet" : "is not a known driver";
                throw n.problem("\"" + name + "\" " + what + " (available: "
                        + String.join(", ", new TreeSet<>(c.implemented())) + "); refusing to start without it");
            }
        }
    }

    private static ConfigNode node(ConfigNode root, String dotted) {
        ConfigNode n = root;
        for (String part : dotted.split("\\.")) {
            n = n.get(part);
        }
        return n;
    }
}
