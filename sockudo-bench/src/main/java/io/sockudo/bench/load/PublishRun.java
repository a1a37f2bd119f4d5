package io.sockudo.bench.load;

import java.io.PrintStream;

/**
 * Publishes only: no clients of its own, signed API publishes at each rate in turn, to the
 * channels that subscribers in other generator processes ({@code --mode hold}, one per node of
 * a cluster) hold. It reports what the server accepted; the holders report what arrived, so a
 * run's delivery figures are theirs summed, against accepted publishes times subscribers.
 */
final class PublishRun {

    private final LoadOptions o;
    private final PrintStream out;

    PublishRun(LoadOptions o, PrintStream out) {
        this.o = o;
        this.out = out;
    }

    void run() {
        int channels = o.subscribe().channels();
        String[] names = new String[channels];
        for (int i = 0; i < channels; i++) {
            names[i] = o.subscribe().channel(i);
        }
        // the subscribers live in other processes: this one counts no expected deliveries
        int[] noSubscribers = new int[channels];
        Payloads payloads = new Payloads(o.publish().payloadBytes(), o.publish().symbols());
        try (Publisher publisher = new Publisher(o.target(), payloads, names, noSubscribers, o.publish().randomChannel(),
                o.publish().maxInFlight())) {
            if (!o.publish().warmup().isZero()) {
                // the subscribers in the other processes count whatever reaches their channels
                int rate = o.publish().rates().get(0);
                out.printf("warming up: %d/s for %d s to channels nobody holds (not reported)%n", rate,
                        o.publish().warmup().toSeconds());
                publisher.warmUpUnheard(rate, o.publish().warmup(), o.publish().drain());
            }
            for (int rate : o.publish().rates()) {
                out.printf("publishing %d/s for %d s over %d channels%n", rate, o.publish().step().toSeconds(), channels);
                Publisher.Step step = publisher.run(rate, o.publish().step(), o.publish().drain());
                new Result("publish", o.label())
                        .put("rate", rate)
                        .put("channels", channels)
                        .put("attempted", step.attempted())
                        .put("published", step.accepted())
                        .put("publish_per_s", Result.perSecond(step.accepted(), step.elapsed().toNanos()), 0)
                        .put("rejected", step.rejected() + step.errors())
                        .put("skipped", step.skipped())
                        .latency("publish", step.requestLatency())
                        .print(out);
                step.problems().forEach((k, v) -> out.printf("  publish problem: %s x%d%n", k, v));
            }
        }
    }
}
