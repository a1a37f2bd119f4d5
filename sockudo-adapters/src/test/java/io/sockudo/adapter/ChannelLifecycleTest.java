package io.sockudo.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.Webhook;
import io.sockudo.adapter.connection.WireFormat;
import io.sockudo.adapter.hooks.WebhookSink;
import io.sockudo.adapter.testing.ManualClock;
import io.sockudo.adapter.testing.ManualShards;
import io.sockudo.adapter.testing.RecordingOutbound;
import io.sockudo.protocol.PresenceMember;
import io.sockudo.protocol.SocketId;
import io.sockudo.protocol.WebhookEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChannelLifecycleTest {

    /** Short enough to wait for; used where a test waits for a debounced webhook. */
    private static final Duration SHORT = Duration.ofMillis(50);
    /** Long enough never to fire during a test; used where a test checks that nothing fires. */
    private static final Duration LONG = Duration.ofSeconds(30);
    private static final Set<String> ALL_TYPES = Set.of(WebhookEvent.CHANNEL_OCCUPIED, WebhookEvent.CHANNEL_VACATED,
            WebhookEvent.MEMBER_ADDED, WebhookEvent.MEMBER_REMOVED, WebhookEvent.SUBSCRIPTION_COUNT);

    private record Emitted(App app, WebhookEvent event, long atNanos) {
    }

    private final LinkedBlockingQueue<Emitted> emitted = new LinkedBlockingQueue<>();
    private final WebhookSink sink = (app, event) -> emitted.add(new Emitted(app, event, System.nanoTime()));
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final ManualClock clock = new ManualClock();
    private final ManualShards shards = new ManualShards(1, clock);
    private final LocalAdapter adapter = new LocalAdapter(shards.array(), WireFormat.RAW);

    ChannelLifecycleTest() {
        timer.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private static App app(Set<String> types) {
        return App.builder("app-1", "key-1", "secret-1")
                .webhooks(List.of(Webhook.of("http://127.0.0.1:1/hooks", types)))
                .build();
    }

    private ChannelLifecycle lifecycle(Duration debounce) {
        return lifecycle(EngineOptions.builder().webhookDebounce(debounce).build());
    }

    private ChannelLifecycle lifecycle(EngineOptions options) {
        return new ChannelLifecycle(adapter, adapter, sink, timer, options);
    }

    private List<WebhookEvent> emittedSoFar() {
        List<Emitted> all = new ArrayList<>();
        emitted.drainTo(all);
        return all.stream().map(Emitted::event).toList();
    }

    private Emitted awaitOne() throws InterruptedException {
        Emitted e = emitted.poll(2, TimeUnit.SECONDS);
        assertThat(e).as("a webhook within 2 s").isNotNull();
        return e;
    }

    private void assertNothingScheduled() {
        assertThat(timer.getQueue()).as("pending timers").isEmpty();
    }

    @Test
    void anOccupiedChannelIsAnnouncedAtOnce() {
        App app = app(ALL_TYPES);

        lifecycle(LONG).occupied(app, "news");

        List<WebhookEvent> events = emittedSoFar();
        assertThat(events).containsExactly(WebhookEvent.channelOccupied("news"));
        assertNothingScheduled();
    }

    @Test
    void aVacatedChannelIsAnnouncedAfterTheDebounce() throws Exception {
        App app = app(ALL_TYPES);
        ChannelLifecycle lifecycle = lifecycle(SHORT);
        lifecycle.occupied(app, "news");
        emittedSoFar();
        long start = System.nanoTime();

        lifecycle.vacated(app, "news");

        assertThat(emittedSoFar()).as("not before the debounce").isEmpty();
        Emitted e = awaitOne();
        assertThat(e.event()).isEqualTo(WebhookEvent.channelVacated("news"));
        assertThat(e.app()).isSameAs(app);
        assertThat(e.atNanos() - start).isGreaterThanOrEqualTo(SHORT.toNanos());
        assertThat(emitted.poll(3 * SHORT.toMillis(), TimeUnit.MILLISECONDS)).as("announced once").isNull();
    }

    @Test
    void aChannelReoccupiedWithinTheDebounceProducesNoWebhooks() {
        App app = app(ALL_TYPES);
        ChannelLifecycle lifecycle = lifecycle(LONG);
        lifecycle.occupied(app, "news");
        emittedSoFar();

        lifecycle.vacated(app, "news");
        lifecycle.occupied(app, "news");

        assertThat(emittedSoFar()).as("the receiver never saw it empty").isEmpty();
        assertNothingScheduled();
    }

    @Test
    void aChannelVacatedTwiceBeforeTheDebounceIsAnnouncedOnce() throws Exception {
        App app = app(ALL_TYPES);
        ChannelLifecycle lifecycle = lifecycle(SHORT);
        lifecycle.occupied(app, "news");
        emittedSoFar();

        lifecycle.vacated(app, "news");
        lifecycle.vacated(app, "news");

        assertThat(awaitOne().event()).isEqualTo(WebhookEvent.channelVacated("news"));
        assertThat(emitted.poll(3 * SHORT.toMillis(), TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void channelsAreDebouncedIndependently() {
        App app = app(ALL_TYPES);
        ChannelLifecycle lifecycle = lifecycle(LONG);
        lifecycle.occupied(app, "news");
        lifecycle.occupied(app, "sport");
        emittedSoFar();

        lifecycle.vacated(app, "news");
        lifecycle.vacated(app, "sport");
        lifecycle.occupied(app, "sport");
        lifecycle.flushPendingRemovals();

        assertThat(emittedSoFar()).containsExactly(WebhookEvent.channelVacated("news"));
    }

    @Test
    void aMemberIsAddedAtOnceAndRemovedAfterTheDebounce() throws Exception {
        App app = app(ALL_TYPES);
        ChannelLifecycle lifecycle = lifecycle(SHORT);

        lifecycle.memberAdded(app, "presence-room", "7", "7");
        assertThat(emittedSoFar()).containsExactly(WebhookEvent.memberAdded("presence-room", "7"));

        lifecycle.memberRemoved(app, "presence-room", "7", "7");
        assertThat(emittedSoFar()).isEmpty();
        WebhookEvent removed = awaitOne().event();
        assertThat(removed).isEqualTo(WebhookEvent.memberRemoved("presence-room", "7"));
        assertThat(removed.userIdJson()).isEqualTo("7");
    }

    @Test
    void aMemberBackWithinTheDebounceProducesNoWebhooks() {
        App app = app(ALL_TYPES);
        ChannelLifecycle lifecycle = lifecycle(LONG);

        lifecycle.memberRemoved(app, "presence-room", "ann", "\"ann\"");
        lifecycle.memberAdded(app, "presence-room", "ann", "\"ann\"");

        assertThat(emittedSoFar()).isEmpty();
        assertNothingScheduled();
    }

    @Test
    void anotherUserArrivingDoesNotCancelARemoval() {
        App app = app(ALL_TYPES);
        ChannelLifecycle lifecycle = lifecycle(LONG);

        lifecycle.memberRemoved(app, "presence-room", "ann", "\"ann\"");
        lifecycle.memberAdded(app, "presence-room", "bob", "\"bob\"");
        lifecycle.memberAdded(app, "presence-other", "ann", "\"ann\"");
        List<WebhookEvent> immediate = emittedSoFar();
        lifecycle.flushPendingRemovals();

        assertThat(immediate).containsExactly(WebhookEvent.memberAdded("presence-room", "\"bob\""),
                WebhookEvent.memberAdded("presence-other", "\"ann\""));
        assertThat(emittedSoFar()).containsExactly(WebhookEvent.memberRemoved("presence-room", "\"ann\""));
    }

    @Test
    void flushingAnnouncesEveryPendingRemovalAtOnceAndOnlyOnce() {
        App app = app(ALL_TYPES);
        ChannelLifecycle lifecycle = lifecycle(LONG);
        lifecycle.occupied(app, "news");
        emittedSoFar();
        lifecycle.vacated(app, "news");
        lifecycle.memberRemoved(app, "presence-room", "ann", "\"ann\"");

        lifecycle.flushPendingRemovals();

        assertThat(emittedSoFar()).containsExactlyInAnyOrder(WebhookEvent.channelVacated("news"),
                WebhookEvent.memberRemoved("presence-room", "\"ann\""));
        assertNothingScheduled();
        lifecycle.flushPendingRemovals();
        assertThat(emittedSoFar()).isEmpty();
    }

    @Test
    void anAppWithoutWebhooksCostsNoTimers() {
        App app = App.builder("app-1", "key-1", "secret-1").build();
        ChannelLifecycle lifecycle = lifecycle(LONG);

        lifecycle.occupied(app, "news");
        lifecycle.vacated(app, "news");
        lifecycle.memberAdded(app, "presence-room", "ann", "\"ann\"");
        lifecycle.memberRemoved(app, "presence-room", "ann", "\"ann\"");
        lifecycle.countChanged(app, "news");

        assertThat(emittedSoFar()).isEmpty();
        assertNothingScheduled();
    }

    @Test
    void anAppThatOnlyWantsVacatedStillHasItsVacancyCancelledByAReturn() {
        App app = app(Set.of(WebhookEvent.CHANNEL_VACATED));
        ChannelLifecycle lifecycle = lifecycle(LONG);

        lifecycle.occupied(app, "news");
        lifecycle.vacated(app, "news");
        lifecycle.occupied(app, "news");
        lifecycle.occupied(app, "sport");
        lifecycle.vacated(app, "sport");
        lifecycle.flushPendingRemovals();

        assertThat(emittedSoFar()).containsExactly(WebhookEvent.channelVacated("sport"));
    }

    @Test
    void anAppThatOnlyWantsMemberRemovedGetsNoMemberAdded() {
        App app = app(Set.of(WebhookEvent.MEMBER_REMOVED));
        ChannelLifecycle lifecycle = lifecycle(LONG);

        lifecycle.memberAdded(app, "presence-room", "ann", "\"ann\"");
        lifecycle.memberRemoved(app, "presence-room", "ann", "\"ann\"");
        lifecycle.flushPendingRemovals();

        assertThat(emittedSoFar()).containsExactly(WebhookEvent.memberRemoved("presence-room", "\"ann\""));
    }

    /** Everything emitted within a few debounce periods. */
    private List<WebhookEvent> settled() throws InterruptedException {
        Thread.sleep(4 * SHORT.toMillis());
        return emittedSoFar();
    }

    @Test
    void aVacancyAndTheNextOccupancyAreAnnouncedInTheRegistrysOrder() throws Exception {
        // ann leaves on one shard while bob joins on another: the registry runs the announcements
        // inside its per-channel lock, so they come in the order the registry changed
        App app = app(ALL_TYPES);
        AppState state = adapter.state(app.id());
        ChannelLifecycle lifecycle = lifecycle(SHORT);
        Channel annsChannel = state.channels().join("news", () -> lifecycle.occupied(app, "news")).channel();
        assertThat(emittedSoFar()).containsExactly(WebhookEvent.channelOccupied("news"));

        assertThat(state.channels().leave(annsChannel, () -> lifecycle.vacated(app, "news"))).as("ann was the last").isTrue();
        assertThat(state.channels().join("news", () -> lifecycle.occupied(app, "news")).occupied()).as("bob is the first again").isTrue();

        assertThat(state.channels().get("news").subscriptionCount()).isEqualTo(1);
        assertThat(settled()).as("the receiver never hears the channel emptied: its last word stays occupied").isEmpty();
    }

    @Test
    void aRemovalAndTheSameUsersReturnAreAnnouncedInTheRostersOrder() throws Exception {
        // the user's old tab leaves on one shard while its reloaded tab joins on another: the
        // roster runs the announcements inside its monitor, so they come in the roster's order
        App app = app(ALL_TYPES);
        ChannelLifecycle lifecycle = lifecycle(SHORT);
        PresenceRoster roster = new PresenceRoster();
        PresenceMember ann = PresenceMember.parse("{\"user_id\":\"ann\"}");
        roster.join(ann, 0, v -> lifecycle.memberAdded(app, "presence-room", "ann", "\"ann\""));
        assertThat(emittedSoFar()).containsExactly(WebhookEvent.memberAdded("presence-room", "\"ann\""));

        roster.leave("ann", v -> lifecycle.memberRemoved(app, "presence-room", "ann", "\"ann\""));
        roster.join(ann, 0, v -> lifecycle.memberAdded(app, "presence-room", "ann", "\"ann\""));

        assertThat(settled()).as("the receiver never hears ann left: its last word stays that she is there").isEmpty();
    }

    // ------------------------------------------------------------------ subscription counts

    private static App countingApp() {
        return app(Set.of(WebhookEvent.SUBSCRIPTION_COUNT)).toBuilder().enableSubscriptionCount(true).build();
    }

    /** Joins n subscriptions; the first is a socket on shard 0 that records what it receives. */
    private RecordingOutbound subscribe(AppState state, String name, int n) {
        RecordingOutbound out = new RecordingOutbound();
        for (int i = 0; i < n; i++) {
            Channel ch = state.channels().join(name).channel();
            if (i == 0) {
                Session c = new Session(SocketId.random(), shards.get(0), out, clock.nanoTime());
                ch.attach(0, new Subscription(c, ch, null, 0));
            }
        }
        return out;
    }

    /** Holds the timer's only thread until the returned latch is released. */
    private CountDownLatch blockTimer() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        timer.execute(() -> {
            running.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(running.await(2, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    @Test
    void aBurstOfCountChangesProducesOneUpdateWithTheLatestCount() throws Exception {
        App app = countingApp();
        AppState state = adapter.state(app.id());
        ChannelLifecycle lifecycle = lifecycle(EngineOptions.defaults());
        CountDownLatch release = blockTimer();
        RecordingOutbound subscriber = subscribe(state, "news", 1);
        lifecycle.countChanged(app, "news");
        subscribe(state, "news", 4);
        for (int i = 0; i < 4; i++) {
            lifecycle.countChanged(app, "news");
        }

        release.countDown();

        assertThat(awaitOne().event()).isEqualTo(WebhookEvent.subscriptionCount("news", 5));
        assertThat(emitted.poll(100, TimeUnit.MILLISECONDS)).as("one update for the burst").isNull();
        shards.drain();
        assertThat(subscriber.texts()).containsExactly(
                "{\"event\":\"pusher_internal:subscription_count\",\"channel\":\"news\",\"data\":\"{\\\"subscription_count\\\":5}\"}");
    }

    @Test
    void aQuietChannelGetsEachCountChangeWithoutWaiting() throws Exception {
        App app = countingApp();
        AppState state = adapter.state(app.id());
        ChannelLifecycle lifecycle = lifecycle(EngineOptions.builder().subscriptionCountInterval(LONG).build());
        subscribe(state, "news", 2);

        lifecycle.countChanged(app, "news");
        assertThat(awaitOne().event()).isEqualTo(WebhookEvent.subscriptionCount("news", 2));
        subscribe(state, "news", 1);
        lifecycle.countChanged(app, "news");

        assertThat(awaitOne().event()).as("below the busy size, no interval applies")
                .isEqualTo(WebhookEvent.subscriptionCount("news", 3));
    }

    @Test
    void aBusyChannelGetsAtMostOneCountUpdatePerInterval() throws Exception {
        Duration interval = Duration.ofMillis(200);
        App app = countingApp();
        AppState state = adapter.state(app.id());
        ChannelLifecycle lifecycle = lifecycle(EngineOptions.builder().subscriptionCountInterval(interval).build());
        subscribe(state, "crowd", ChannelLifecycle.BUSY_CHANNEL);

        lifecycle.countChanged(app, "crowd");
        Emitted first = awaitOne();
        subscribe(state, "crowd", 1);
        lifecycle.countChanged(app, "crowd");
        Emitted second = awaitOne();

        assertThat(first.event()).isEqualTo(WebhookEvent.subscriptionCount("crowd", ChannelLifecycle.BUSY_CHANNEL));
        assertThat(second.event()).isEqualTo(WebhookEvent.subscriptionCount("crowd", ChannelLifecycle.BUSY_CHANNEL + 1));
        // unthrottled, the second would follow within a millisecond or two; half the interval
        // leaves room for the moment between preparing the first update and recording it here
        assertThat(second.atNanos() - first.atNanos()).isGreaterThan(interval.toNanos() / 2);
    }

    @Test
    void anEmptiedChannelIsReportedAtZeroToTheWebhookOnly() throws Exception {
        App app = countingApp();
        AppState state = adapter.state(app.id());
        ChannelLifecycle lifecycle = lifecycle(EngineOptions.defaults());
        Channel ch = state.channels().join("news").channel();
        state.channels().leave(ch);

        lifecycle.countChanged(app, "news");

        assertThat(awaitOne().event()).isEqualTo(WebhookEvent.subscriptionCount("news", 0));
        shards.drain();
    }

    @Test
    void countUpdatesGoToSubscribersEvenWithoutTheWebhook() throws Exception {
        App app = App.builder("app-1", "key-1", "secret-1").enableSubscriptionCount(true).build();
        AppState state = adapter.state(app.id());
        ChannelLifecycle lifecycle = lifecycle(EngineOptions.defaults());
        RecordingOutbound subscriber = subscribe(state, "news", 2);

        lifecycle.countChanged(app, "news");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (subscriber.texts().isEmpty() && System.nanoTime() < deadline) {
            shards.drain();
            Thread.sleep(5);
        }
        assertThat(subscriber.texts()).containsExactly(
                "{\"event\":\"pusher_internal:subscription_count\",\"channel\":\"news\",\"data\":\"{\\\"subscription_count\\\":2}\"}");
        assertThat(emittedSoFar()).isEmpty();
    }
}
