package io.sockudo.adapter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The backbone's own bounds, over a transport the test holds in its hand. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClusterBackboneTest {

    private static final BackboneOptions SMALL_QUEUES = new BackboneOptions(1_000, ClusterHealth.DEFAULTS, 4, 4);

    /** A server that takes what is sent only when the test lets it. */
    private static final class HeldTransport implements Transport {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch sending = new CountDownLatch(1);
        volatile Inbound inbound;

        @Override
        public void start(List<String> subscriptions, Inbound inbound) {
            this.inbound = inbound;
            inbound.up();
        }

        @Override
        public void send(List<Outgoing> batch) throws InterruptedException {
            sending.countDown();
            release.await();
        }

        @Override
        public String subject(Destination destination) {
            return Subjects.redis("t").of(destination);
        }

        @Override
        public void close() {
            release.countDown();
        }
    }

    private static Broadcast broadcast(int i) {
        return new Broadcast("app", "c", "m" + i, null, 0);
    }

    @Test
    void publishingNeverWaitsForAStuckServerAndCountsWhatItDrops() throws Exception {
        HeldTransport transport = new HeldTransport();
        try (ClusterBackbone backbone = new ClusterBackbone("n1", transport, SMALL_QUEUES)) {
            backbone.start(new RecordingListener(q -> null));
            // the hello heartbeat sent on connecting leaves the publisher stuck in send, the queue empty
            assertThat(transport.sending.await(5, TimeUnit.SECONDS)).isTrue();
            int accepted = 0;
            for (int i = 1; i <= 100; i++) {
                if (backbone.publish(broadcast(i))) {
                    accepted++;
                }
            }
            assertThat(accepted).isEqualTo(4);
            assertThat(backbone.stats().dropped()).isEqualTo(96);
        }
    }

    @Test
    void aListenerThatFallsBehindLosesWhatDoesNotFitAndTheServerThreadNeverWaits() throws Exception {
        HeldTransport transport = new HeldTransport();
        CountDownLatch listenerBusy = new CountDownLatch(1);
        CountDownLatch letListenerGo = new CountDownLatch(1);
        RecordingListener recorder = new RecordingListener(q -> CompletableFuture.completedFuture(Answer.empty(q.appId()))) {
            @Override
            public void onMessage(Envelope envelope) {
                listenerBusy.countDown();
                try {
                    letListenerGo.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.onMessage(envelope);
            }
        };
        try (ClusterBackbone backbone = new ClusterBackbone("n1", transport, SMALL_QUEUES)) {
            backbone.start(recorder);
            transport.inbound.message(ClusterCodec.encode("n2", broadcast(0)));
            assertThat(listenerBusy.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 20; i++) {
                transport.inbound.message(ClusterCodec.encode("n2", broadcast(i)));
            }
            assertThat(backbone.stats().inboundDropped()).isEqualTo(20 - 4);
            letListenerGo.countDown();
            assertThat(recorder.broadcastsUntil("m4", 5_000)).containsExactly("m0", "m1", "m2", "m3", "m4");
            // with the backlog worked off, messages are taken again
            transport.inbound.message(ClusterCodec.encode("n2", broadcast(99)));
            assertThat(recorder.broadcastsUntil("m99", 5_000)).containsExactly("m99");
        }
    }

    @Test
    void ownMessagesAndNonsenseAreNotDelivered() throws Exception {
        HeldTransport transport = new HeldTransport();
        RecordingListener recorder = new RecordingListener(q -> null);
        try (ClusterBackbone backbone = new ClusterBackbone("n1", transport, SMALL_QUEUES)) {
            backbone.start(recorder);
            transport.inbound.message(ClusterCodec.encode("n1", broadcast(1)));
            transport.inbound.message("not json".getBytes(StandardCharsets.UTF_8));
            transport.inbound.message("{\"node_id\":\"n2\"}".getBytes(StandardCharsets.UTF_8));
            transport.inbound.message(ClusterCodec.encode("n2", broadcast(2)));
            assertThat(recorder.broadcastsUntil("m2", 5_000)).containsExactly("m2");
            assertThat(backbone.stats().decodeErrors()).isEqualTo(2);
            assertThat(recorder.peersUp).containsExactly("n2");
        }
    }
}
