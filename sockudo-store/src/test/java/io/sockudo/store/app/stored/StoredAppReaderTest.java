package io.sockudo.store.app.stored;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.ChannelDeltaSetting;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredAppReaderTest {

    private static Map<String, Object> row(Object... pairs) {
        Map<String, Object> row = new HashMap<>(Map.of("id", "a1", "key", "k1", "secret", "s1"));
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }

    @Test
    void credentialsAloneGivePushersDefaults() {
        assertThat(StoredAppReader.read(row())).isEqualTo(App.builder("a1", "k1", "s1").build());
    }

    @Test
    void numbersAndBooleansMayBeWrittenAsStringsOrDatabaseNumbers() {
        App app = StoredAppReader.read(row("max_connections", "25", "max_event_batch_size", new BigDecimal("4"),
                "max_event_name_length", 90L, "enable_client_messages", "true", "enabled", 0L));
        assertThat(app.maxConnections()).isEqualTo(25);
        assertThat(app.maxEventBatchSize()).isEqualTo(4);
        assertThat(app.maxEventNameLength()).isEqualTo(90);
        assertThat(app.enableClientMessages()).isTrue();
        assertThat(app.enabled()).isFalse();
    }

    @Test
    void unsignedLimitsBeyondAnIntAreReadAsTheLargestOne() {
        App app = StoredAppReader.read(row("max_connections", 4_294_967_295L, "max_event_payload_in_kb", 4_294_967_295L));
        assertThat(app.maxConnections()).isEqualTo(Integer.MAX_VALUE);
        assertThat(app.maxEventPayloadBytes()).isPositive();
    }

    @Test
    void channelDeltaWordsAndObjects() {
        App app = StoredAppReader.read(row("channel_delta_compression",
                "{\"a\": \"inherit\", \"b\": \"Fossil\", \"c\": {\"enabled\": false}, \"d\": null}"));
        assertThat(app.channelDeltaCompression()).isEqualTo(Map.of(
                "a", ChannelDeltaSetting.INHERIT,
                "b", new ChannelDeltaSetting(true, "fossil", null, null),
                "c", ChannelDeltaSetting.DISABLED,
                "d", ChannelDeltaSetting.INHERIT));
    }

    @Test
    void lambdaWebhooksAreLeftOutAndTheOthersKept() {
        App app = StoredAppReader.read(row("webhooks", "[{\"lambda_function\": \"f\", \"event_types\": [\"channel_occupied\"]},"
                + " {\"url\": \"https://h.example.com\", \"event_types\": [\"channel_occupied\"]}]"));
        assertThat(app.webhooks()).singleElement().satisfies(w -> assertThat(w.url()).isEqualTo("https://h.example.com"));
    }

    @Test
    void anEmptyPolicyObjectMeansDefaultsNotTheFlatColumns() {
        App app = StoredAppReader.read(row("policy", "{}", "max_connections", 3, "enable_client_messages", true));
        assertThat(app).isEqualTo(App.builder("a1", "k1", "s1").build());
    }

    @Test
    void malformedRowsNameTheAppAndTheField() {
        assertThatThrownBy(() -> StoredAppReader.read(row("max_connections", -1)))
                .isInstanceOf(MalformedAppException.class)
                .hasMessageContaining("'a1'").hasMessageContaining("max_connections");
        assertThatThrownBy(() -> StoredAppReader.read(row("max_connections", 1.5)))
                .hasMessageContaining("max_connections");
        assertThatThrownBy(() -> StoredAppReader.read(row("webhooks", "{\"url\": \"https://x\"}")))
                .hasMessageContaining("webhooks should be an array");
        assertThatThrownBy(() -> StoredAppReader.read(row("webhooks", "[{\"url\": \"https://x\"}]")))
                .hasMessageContaining("webhooks[0].event_types");
        assertThatThrownBy(() -> StoredAppReader.read(row("webhooks",
                "[{\"url\": \"https://x\", \"event_types\": [], \"filter\": {\"channel_pattern\": \"(\"}}]")))
                .hasMessageContaining("webhooks[0].filter.channel_pattern");
        assertThatThrownBy(() -> StoredAppReader.read(row("allowed_origins", "[\"a\", 3]")))
                .hasMessageContaining("allowed_origins");
        assertThatThrownBy(() -> StoredAppReader.read(row("policy", "{\"limits\": [1]}")))
                .hasMessageContaining("policy.limits should be an object");
        assertThatThrownBy(() -> StoredAppReader.read(row("policy", "{\"limits\": {\"max_connections\": 1} trailing")))
                .hasMessageContaining("policy is not valid JSON");
        assertThatThrownBy(() -> StoredAppReader.read(row("enabled", "yes")))
                .hasMessageContaining("enabled should be true or false");
        Map<String, Object> noId = row();
        noId.remove("id");
        assertThatThrownBy(() -> StoredAppReader.read(noId))
                .isInstanceOf(MalformedAppException.class)
                .hasMessageContaining("id is missing (key 'k1')");
    }

    @Test
    void allowedOriginsMayBeTheStoresOwnList() {
        assertThat(StoredAppReader.read(row("allowed_origins", List.of("https://a.example.com"))).allowedOrigins())
                .containsExactly("https://a.example.com");
    }
}
