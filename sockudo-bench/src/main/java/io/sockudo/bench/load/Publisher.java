package io.sockudo.bench.load;

import io.sockudo.protocol.ApiSignature;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * Publishes at a fixed rate over keep-alive HTTP: signed {@code POST /apps/{id}/events} to a
 * Pusher server, a plain {@code POST /publish} of the ready frame to the baseline. Each event
 * carries its send time. A publish is counted as expected deliveries (the subscribers of its
 * channel) only once the server has accepted it.
 *
 * <p>The pacing thread only decides which publish is due; {@link #CONNECTIONS} senders, each
 * owning one keep-alive connection, build, sign and send them and read the answers. A general
 * HTTP client costs more CPU per request than the server's publish path does, so on a shared
 * core it, not the server, would set the rate.
 */
final class Publisher implements AutoCloseable {

    /** Connections (and sender threads): with ~1 ms per answer, room for well over 10,000 publishes/s. */
    static final int CONNECTIONS = 16;

    private final LoadOptions.Target target;
    private final Payloads payloads;
    private final String[] channels;
    private final int[] subscribers;
    private final boolean randomChannel;
    private final int maxInFlight;
    private final LinkedBlockingQueue<Due> due = new LinkedBlockingQueue<>();
    private final List<Thread> senders = new ArrayList<>();
    private final List<KeepAliveHttp> open = new CopyOnWriteArrayList<>();
    private final SplittableRandom random = new SplittableRandom(42);
    private volatile boolean closed;
    private long seq;

    /** One step's outcome. */
    record Step(int rate, long attempted, long accepted, long rejected, long errors, long skipped,
                long expectedDeliveries, Duration elapsed, Map<String, Long> problems, org.HdrHistogram.Histogram requestLatency) {
    }

    /** What one step counts, shared by the pacing thread and the senders. */
    private static final class Counters {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong expected = new AtomicLong();
        final ConcurrentHashMap<String, LongAdder> problems = new ConcurrentHashMap<>();
        final Recorder latency = new Recorder(3);

        void problem(String what) {
            problems.computeIfAbsent(what, k -> new LongAdder()).increment();
        }
    }

    /** A publish the pacing thread found due: its channel, the subscribers it should reach, its sequence number. */
    private record Due(String channel, int subscribers, long seq, Counters step) {
    }

    /**
     * @param subscribers per channel, how many of our clients joined it: what one publish to it
     *                    should deliver
     */
    Publisher(LoadOptions.Target target, Payloads payloads, String[] channels, int[] subscribers, boolean randomChannel,
              int maxInFlight) {
        this.target = target;
        this.payloads = payloads;
        this.channels = channels;
        this.subscribers = subscribers;
        this.randomChannel = randomChannel;
        this.maxInFlight = maxInFlight;
        for (int i = 0; i < CONNECTIONS; i++) {
            Thread t = new Thread(this::sendUntilClosed, "publisher-" + i);
            t.setDaemon(true);
            senders.add(t);
            t.start();
        }
    }

    /** Publishes {@code rate} events per second for {@code duration}, then waits up to {@code settle} for answers. */
    Step run(int rate, Duration duration, Duration settle) {
        return run(rate, duration, settle, channels, subscribers);
    }

    /**
     * As {@link #run}, but to channels no subscriber holds (each name with a {@code warmup-}
     * prefix): this process's and the server's publish path get compiled, and no subscriber's
     * counts change. A publisher started afresh for a step would otherwise spend the step's first
     * seconds interpreted, on a core it shares with the subscribers, and skip publishes there.
     */
    Step warmUpUnheard(int rate, Duration duration, Duration settle) {
        String[] unheard = new String[channels.length];
        for (int i = 0; i < unheard.length; i++) {
            unheard[i] = "warmup-" + channels[i];
        }
        return run(rate, duration, settle, unheard, new int[channels.length]);
    }

    private Step run(int rate, Duration duration, Duration settle, String[] to, int[] heardBy) {
        Counters step = new Counters();
        long attempted = 0;
        long skipped = 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long pause = Math.max(20_000L, Math.min(1_000_000L, 1_000_000_000L / rate / 2));
        for (long now = start; now < end; now = System.nanoTime()) {
            long dueCount = 1 + (long) ((now - start) / 1e9 * rate);
            while (attempted + skipped < dueCount) {
                if (step.inFlight.get() >= maxInFlight) {
                    skipped++;
                    continue;
                }
                attempted++;
                step.inFlight.incrementAndGet();
                int ch = randomChannel ? random.nextInt(to.length) : (int) (seq % to.length);
                due.add(new Due(to[ch], heardBy[ch], seq++, step));
            }
            LockSupport.parkNanos(pause);
        }
        long elapsed = System.nanoTime() - start;
        long settleEnd = System.nanoTime() + settle.toNanos();
        while (step.inFlight.get() > 0 && System.nanoTime() < settleEnd) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        Map<String, Long> p = new TreeMap<>();
        step.problems.forEach((k, v) -> p.put(k, v.sum()));
        if (step.inFlight.get() > 0) {
            p.put("unanswered", (long) step.inFlight.get());
        }
        return new Step(rate, attempted, step.accepted.get(), step.rejected.get(), step.errors.get(), skipped,
                step.expected.get(), Duration.ofNanos(elapsed), p, step.latency.getIntervalHistogram());
    }

    /** One sender: its own connection, opened again after a failure; one publish at a time. */
    private void sendUntilClosed() {
        KeepAliveHttp http = null;
        while (!closed) {
            Due d;
            try {
                d = due.take();
            } catch (InterruptedException e) {
                break;
            }
            Counters step = d.step();
            long sent = System.nanoTime();
            try {
                if (http == null) {
                    http = new KeepAliveHttp(target.address(), target.port());
                    open.add(http);
                }
                KeepAliveHttp.Response response = http.exchange(request(d.channel(), payloads.data(d.seq(), EpochMicros.now())));
                if (response.status() / 100 == 2) {
                    step.accepted.incrementAndGet();
                    step.expected.addAndGet(d.subscribers());
                } else {
                    step.rejected.incrementAndGet();
                    step.problem("status " + response.status());
                }
            } catch (IOException e) {
                step.errors.incrementAndGet();
                step.problem("error " + e);
                if (http != null) {
                    closeQuietly(http);
                    open.remove(http);
                    http = null;
                }
            } finally {
                step.latency.recordValue(Math.min(LoopStats.MAX_MICROS, (System.nanoTime() - sent) / 1_000));
                // last: a step ends once nothing is in flight, and must find this answer counted
                step.inFlight.decrementAndGet();
            }
        }
        if (http != null) {
            closeQuietly(http);
        }
    }

    private byte[] request(String channel, String data) {
        if (target.kind() == LoadOptions.ServerKind.BASELINE) {
            return KeepAliveHttp.post("/publish", Payloads.frame(channel, data));
        }
        byte[] body = Payloads.apiBody(channel, data);
        String path = "/apps/" + target.appId() + "/events";
        String query = ApiSignature.signedQuery("POST", path, Map.of(), body, target.key(), target.secret(),
                System.currentTimeMillis() / 1000);
        return KeepAliveHttp.post(path + "?" + query, body);
    }

    private static void closeQuietly(KeepAliveHttp http) {
        try {
            http.close();
        } catch (IOException e) {
            // closing is best effort
        }
    }

    @Override
    public void close() {
        closed = true;
        senders.forEach(Thread::interrupt);
        open.forEach(Publisher::closeQuietly);
    }
}
