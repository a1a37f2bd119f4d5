package io.sockudo.store.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.app.App;
import io.sockudo.protocol.WebhookEvent;
import io.sockudo.store.redis.RedisSettings;
import io.sockudo.testkit.Poll;
import io.sockudo.testkit.services.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two webhook workers (each a dispatcher on its own Redis queue client, as two nodes run them)
 * sharing one real redis-server and one receiver: the receiver gets an app's batches in the order
 * they were queued, whichever worker delivers them, and a worker that dies holding batches delays
 * them only until its lease ends.
 */
class WebhookOrderAcrossWorkersTest {

    private static final RedisWebhookQueue.Leases SHORT = new RedisWebhookQueue.Leases(Duration.ofMillis(600), Duration.ofMillis(150));
    private static final Pattern CHANNEL = Pattern.compile("\"channel\":\"(c\\d+)\"");

    private static RedisServer redis;
    private static int prefixes;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static RedisWebhookQueue queue(String prefix, App app) {
        return RedisWebhookQueue.open(RedisSettings.standalone(redis.host(), redis.port()), prefix, 10_000, SHORT,
                id -> CompletableFuture.completedFuture(id.equals(app.id()) ? app : null));
    }

    private static WebhookBatch batch(App app, int n) {
        return new WebhookBatch(app, 1_700_000_000_000L + n, List.of(WebhookEvent.channelOccupied("c" + n)));
    }

    /** The channels of the requests, in the order they arrived. */
    private static List<String> arrived(WebhookReceiver receiver) {
        List<String> channels = new ArrayList<>();
        for (WebhookReceiver.Request r : receiver.requests()) {
            Matcher m = CHANNEL.matcher(r.text());
            while (m.find()) {
                channels.add(m.group(1));
            }
        }
        return channels;
    }

    private static List<String> channels(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "c" + i).toList();
    }

    @Test
    void anEndpointGetsItsBatchesInQueueOrderWhicheverWorkerDeliversThem() throws Exception {
        String prefix = "order" + (++prefixes) + ":";
        Random delays = new Random(7);
        try (WebhookReceiver receiver = WebhookReceiver.start()
                // answers take a few milliseconds, varying, so two deliveries in flight at once would cross
                .answering((i, path) -> WebhookReceiver.Reply.delayed(delays.nextInt(15), 200))) {
            App app = Fixtures.app(Fixtures.everything(receiver.url("/hook")));
            WebhookSettings settings = Fixtures.quick();
            try (RedisWebhookQueue producer = queue(prefix, app);
                 WebhookDispatcher one = new WebhookDispatcher(settings, queue(prefix, app));
                 WebhookDispatcher two = new WebhookDispatcher(settings, queue(prefix, app))) {
                int queued = 0;
                // bursts until both workers have delivered some (bounded): between bursts the app is
                // free, and whichever worker asks first takes the next burst
                for (int burst = 0; burst < 60 && (burst < 8 || one.counters().sent() == 0 || two.counters().sent() == 0); burst++) {
                    for (int k = 0; k < 6; k++) {
                        assertThat(producer.offer(batch(app, queued++))).isTrue();
                    }
                    int expected = queued;
                    Poll.until("burst " + burst + " delivered", Duration.ofSeconds(10), () -> receiver.requestCount() >= expected);
                }
                assertThat(one.counters().sent()).as("deliveries by the first worker").isPositive();
                assertThat(two.counters().sent()).as("deliveries by the second worker").isPositive();
                assertThat(arrived(receiver)).containsExactlyElementsOf(channels(0, queued));
                assertThat(receiver.maxConcurrentRequests()).as("one delivery to the endpoint at a time").isEqualTo(1);
            }
        }
    }

    @Test
    void aDeadWorkersBatchesComeFirstOnceItsLeaseEndsThenTheRestInOrder() throws Exception {
        String prefix = "order" + (++prefixes) + ":";
        try (WebhookReceiver receiver = WebhookReceiver.start().answering((i, path) -> WebhookReceiver.Reply.of(200))) {
            App app = Fixtures.app(Fixtures.everything(receiver.url("/hook")));
            try (RedisWebhookQueue producer = queue(prefix, app)) {
                for (int n = 0; n < 6; n++) {
                    producer.offer(batch(app, n));
                }
                // a worker takes the first two and dies before delivering them: no lease renewal, no hand-back
                RedisWebhookQueue dying = queue(prefix, app);
                assertThat(dying.poll(Duration.ofSeconds(2))).isEqualTo(batch(app, 0));
                assertThat(dying.poll(Duration.ofSeconds(2))).isEqualTo(batch(app, 1));
                dying.abandon();

                // another worker, running from here on, delivers what the dead one held
                WebhookDispatcher survivor = new WebhookDispatcher(Fixtures.quick(), queue(prefix, app));
                try {
                    Poll.until("all six delivered", Duration.ofSeconds(10), () -> receiver.requestCount() >= 6);
                    // the app stayed the dead worker's until its lease ran out: nothing overtook its two
                    producer.offer(batch(app, 6));
                    Poll.until("a later batch delivered", Duration.ofSeconds(10), () -> receiver.requestCount() >= 7);
                    assertThat(arrived(receiver)).containsExactlyElementsOf(channels(0, 7));
                } finally {
                    survivor.close();
                }
            }
        }
    }
}
