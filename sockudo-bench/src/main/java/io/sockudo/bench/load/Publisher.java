package io.sockudo.bench.load;

import io.sockudo.protocol.ApiSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 */
final class Publisher implements AutoCloseable {

    private final LoadOptions.Target target;
    private final Payloads payloads;
    private final String[] channels;
    private final int[] subscribers;
    private final boolean randomChannel;
    private final int maxInFlight;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "publisher-http");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http;
    private final URI base;
    private final SplittableRandom random = new SplittableRandom(42);
    private long seq;

    /** One step's outcome. */
    record Step(int rate, long attempted, long accepted, long rejected, long errors, long skipped,
                long expectedDeliveries, Duration elapsed, Map<String, Long> problems, org.HdrHistogram.Histogram requestLatency) {
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
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.base = URI.create("http://" + target.address().getHostAddress() + ":" + target.port());
    }

    /** Publishes {@code rate} events per second for {@code duration}, then waits up to {@code settle} for answers. */
    Step run(int rate, Duration duration, Duration settle) {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong expected = new AtomicLong();
        ConcurrentHashMap<String, LongAdder> problems = new ConcurrentHashMap<>();
        Recorder latency = new Recorder(3);
        long attempted = 0;
        long skipped = 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long pause = Math.max(20_000L, Math.min(1_000_000L, 1_000_000_000L / rate / 2));
        for (long now = start; now < end; now = System.nanoTime()) {
            long due = 1 + (long) ((now - start) / 1e9 * rate);
            while (attempted + skipped < due) {
                if (inFlight.get() >= maxInFlight) {
                    skipped++;
                    continue;
                }
                attempted++;
                inFlight.incrementAndGet();
                publishOne(inFlight, accepted, rejected, errors, expected, problems, latency);
            }
            LockSupport.parkNanos(pause);
        }
        long elapsed = System.nanoTime() - start;
        long settleEnd = System.nanoTime() + settle.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < settleEnd) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        Map<String, Long> p = new TreeMap<>();
        problems.forEach((k, v) -> p.put(k, v.sum()));
        if (inFlight.get() > 0) {
            p.put("unanswered", (long) inFlight.get());
        }
        return new Step(rate, attempted, accepted.get(), rejected.get(), errors.get(), skipped, expected.get(),
                Duration.ofNanos(elapsed), p, latency.getIntervalHistogram());
    }

    private void publishOne(AtomicInteger inFlight, AtomicLong accepted, AtomicLong rejected, AtomicLong errors,
                            AtomicLong expected, ConcurrentHashMap<String, LongAdder> problems, Recorder latency) {
        int ch = randomChannel ? random.nextInt(channels.length) : (int) (seq % channels.length);
        String data = payloads.data(seq++, EpochMicros.now());
        HttpRequest request = request(channels[ch], data);
        long sent = System.nanoTime();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            try {
                latency.recordValue(Math.min(LoopStats.MAX_MICROS, (System.nanoTime() - sent) / 1_000));
                if (failure != null) {
                    errors.incrementAndGet();
                    String why = failure.getCause() != null ? failure.getCause().toString() : failure.toString();
                    problems.computeIfAbsent("error " + why, k -> new LongAdder()).increment();
                } else if (response.statusCode() / 100 == 2) {
                    accepted.incrementAndGet();
                    expected.addAndGet(subscribers[ch]);
                } else {
                    rejected.incrementAndGet();
                    problems.computeIfAbsent("status " + response.statusCode(), k -> new LongAdder()).increment();
                }
            } finally {
                // last: a step ends once nothing is in flight, and must find this answer counted
                inFlight.decrementAndGet();
            }
        });
    }

    private HttpRequest request(String channel, String data) {
        if (target.kind() == LoadOptions.ServerKind.BASELINE) {
            return HttpRequest.newBuilder(base.resolve("/publish"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Payloads.frame(channel, data)))
                    .build();
        }
        byte[] body = Payloads.apiBody(channel, data);
        String path = "/apps/" + target.appId() + "/events";
        String query = ApiSignature.signedQuery("POST", path, Map.of(), body, target.key(), target.secret(),
                System.currentTimeMillis() / 1000);
        return HttpRequest.newBuilder(base.resolve(path + "?" + query))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
