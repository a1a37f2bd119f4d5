package io.sockudo.bench.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookReceiverTest {

    private static int count(String body) throws IOException {
        return WebhookReceiver.countEvents(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void countsTheEventsOfABodyWhateverTheyHoldAndWhereverTheArrayIs() throws IOException {
        assertThat(count("{\"time_ms\":1700000000000,\"events\":[{\"name\":\"channel_occupied\",\"channel\":\"a\"}]}")).isEqualTo(1);
        assertThat(count("{\"meta\":{\"events\":[1,2,3,4]},\"events\":[{\"name\":\"client_event\",\"data\":\"{\\\"x\\\":[1,2]}\","
                + "\"nested\":{\"events\":[1]}},{\"name\":\"member_added\"}],\"time_ms\":1}")).isEqualTo(2);
        assertThat(count("{\"time_ms\":1,\"events\":[]}")).isZero();
    }

    @Test
    void refusesABodyThatIsNotAWebhook() {
        assertThatThrownBy(() -> count("{\"time_ms\":1}")).hasMessageContaining("without an events array");
        assertThatThrownBy(() -> count("[1,2]")).hasMessageContaining("JSON object");
    }
}
