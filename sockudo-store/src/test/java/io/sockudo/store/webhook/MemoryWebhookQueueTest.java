package io.sockudo.store.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.app.App;
import io.sockudo.protocol.WebhookEvent;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class MemoryWebhookQueueTest {

    private static final App APP = App.builder("id", "key", "secret").build();

    private static WebhookBatch batchOf(int events) {
        return new WebhookBatch(APP, 1L, Collections.nCopies(events, WebhookEvent.channelOccupied("c")));
    }

    @Test
    void batchesComeOutInTheOrderTheyWentIn() throws Exception {
        MemoryWebhookQueue queue = new MemoryWebhookQueue(100);
        WebhookBatch first = batchOf(1);
        WebhookBatch second = batchOf(2);
        queue.offer(first);
        queue.offer(second);

        assertThat(queue.poll(Duration.ZERO)).isSameAs(first);
        assertThat(queue.poll(Duration.ZERO)).isSameAs(second);
        assertThat(queue.poll(Duration.ofMillis(10))).isNull();
    }

    @Test
    void aBatchKeepsItsRoomUntilItIsAcknowledgedNotJustUntilItIsTaken() throws Exception {
        MemoryWebhookQueue queue = new MemoryWebhookQueue(10);
        WebhookBatch six = batchOf(6);
        assertThat(queue.offer(six)).isTrue();
        assertThat(queue.offer(batchOf(5))).isFalse();

        WebhookBatch taken = queue.poll(Duration.ZERO);
        assertThat(queue.offer(batchOf(5))).isFalse();
        assertThat(queue.heldEvents()).isEqualTo(6);

        queue.acknowledge(taken);
        assertThat(queue.offer(batchOf(4))).isTrue();
        assertThat(queue.offer(batchOf(1))).isTrue();
        assertThat(queue.heldEvents()).isEqualTo(5);
        assertThat(queue.waiting()).isEqualTo(2);
    }
}
