package io.sockudo.bench.load;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Presence: N members (user ids {@code u0..u<N-1>}) join one presence channel at a given rate,
 * then leave it in the same order. Every member event is counted, and timed from the moment
 * its member's subscribe (or unsubscribe) left the generator.
 *
 * <p>After the joins every member must see all N: the count in its own
 * {@code subscription_succeeded} plus the {@code member_added} events after it. The events
 * expected are exactly the members each one did not find in its initial list.
 */
final class PresenceRun {

    private final LoadOptions o;
    private final PrintStream out;

    PresenceRun(LoadOptions o, PrintStream out) {
        this.o = o;
        this.out = out;
    }

    void run() {
        int n = o.connect().connections();
        int joinRate = o.presence().joinRate();
        AtomicLongArray sentAt = new AtomicLongArray(n);
        try (Fleet fleet = new Fleet(o, n, false)) {
            for (ClientLoop l : fleet.loops()) {
                l.memberSentAt(sentAt);
            }
            Fleet.ConnectResult connect = fleet.connect(0, n, o.connect().rate(), o.connect().maxPending(), o.connect().timeout());
            Result c = new Result("connect", o.label());
            connect.describe(c, fleet.tally, fleet.snapshot(true));
            c.print(out);

            out.printf("%d members joining %s at %d/s%n", connect.reached(), o.subscribe().channel(0), joinRate);
            long failedBefore = fleet.tally.failures();
            long t0 = System.nanoTime();
            paced(n, joinRate, i -> fleet.client(i).loop.subscribe(fleet.client(i)));
            long deadline = System.nanoTime() + o.connect().timeout().toNanos();
            long[] views;
            long expectedAdded;
            long added;
            long doneAt;
            do {
                Sleep.millis(20);
                // one snapshot gives both who is subscribed and what each saw on joining: exact
                // once everyone is in, whatever is still on its way
                views = fleet.views((int) fleet.tally.subscribed.get());
                expectedAdded = views[0] * views[0] - views[1];
                added = fleet.progress()[1];
                doneAt = System.nanoTime();
            } while ((views[0] + fleet.tally.failures() - failedBefore < connect.reached() || added < expectedAdded)
                    && doneAt < deadline);
            // the views above were read a moment before the last events counted: read them again
            Sleep.millis(100);
            views = fleet.views((int) views[0]);
            LoopStats.Snapshot joined = fleet.snapshot(true);
            long members = views[0];
            new Result("presence-join", o.label())
                    .put("members", members)
                    .put("join_rate", joinRate)
                    .put("failed", fleet.tally.failures() - failedBefore)
                    .put("failures", fleet.tally.failureSummary())
                    .put("member_added", joined.memberAdded())
                    .put("member_added_expected", expectedAdded)
                    .put("member_events_per_s", Result.perSecond(joined.memberAdded(), doneAt - t0), 0)
                    .put("views_complete", views[2])
                    .latency("member", joined.memberLatency())
                    .latency("subscribe", joined.subscribeLatency())
                    .print(out);
            for (String v : fleet.incompleteViews((int) members, 10)) {
                out.println("  incomplete view: " + v);
            }

            out.printf("%d members leaving at %d/s%n", members, joinRate);
            long nominal = members * (members - 1) / 2;
            long t1 = System.nanoTime();
            paced(n, joinRate, i -> fleet.client(i).loop.unsubscribe(fleet.client(i)));
            long leaveDeadline = System.nanoTime() + o.publish().drain().toNanos() + o.connect().timeout().toNanos();
            long removed = 0;
            long lastProgress = System.nanoTime();
            long lastCount = -1;
            long leftAt = System.nanoTime();
            while (removed < nominal && System.nanoTime() < leaveDeadline) {
                Sleep.millis(20);
                removed = fleet.progress()[2];
                if (removed != lastCount) {
                    lastCount = removed;
                    lastProgress = System.nanoTime();
                    leftAt = lastProgress;
                } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(2)) {
                    break;
                }
            }
            LoopStats.Snapshot left = fleet.snapshot(true);
            new Result("presence-leave", o.label())
                    .put("members", members)
                    .put("leave_rate", joinRate)
                    .put("member_removed", left.memberRemoved())
                    .put("member_removed_at_most", nominal)
                    .put("member_events_per_s", Result.perSecond(left.memberRemoved(), leftAt - t1), 0)
                    .latency("member", left.memberLatency())
                    .put("lost", fleet.tally.lost.get())
                    .print(out);
            fleet.tally.details().forEach((k, v) -> out.printf("  seen: %s x%d%n", k, v));
        }
    }

    /** Calls {@code action} for 0..n-1 at {@code rate} per second. */
    private static void paced(int n, int rate, java.util.function.IntConsumer action) {
        long start = System.nanoTime();
        int next = 0;
        while (next < n) {
            long due = Math.min(n, 1 + (long) ((System.nanoTime() - start) / 1e9 * rate));
            while (next < due) {
                action.accept(next++);
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
        }
    }
}
