package io.sockudo.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientMessageTest {

    private static ClientMessage decode(String json) {
        byte[] b = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
        return ClientMessage.decode(b, 2, b.length - 4);
    }

    @Test
    void decodesEventChannelAndRawData() {
        ClientMessage m = decode("{\"event\":\"client-x\",\"channel\":\"private-a\",\"data\":{\"k\":[1,2,{\"é\":null}]},\"extra\":[1]}");
        assertThat(m.event()).isEqualTo("client-x");
        assertThat(m.channel()).isEqualTo("private-a");
        assertThat(m.data().json()).isEqualTo("{\"k\":[1,2,{\"é\":null}]}");
        assertThat(m.data().isObject()).isTrue();
    }

    @Test
    void keepsStringDataAsAString() {
        ClientMessage m = decode("{\"data\":\"a\\\"b\",\"event\":\"client-x\"}");
        assertThat(m.data().isString()).isTrue();
        assertThat(m.data().stringValue()).isEqualTo("a\"b");
        assertThat(m.data().json()).isEqualTo("\"a\\\"b\"");
        assertThat(m.channel()).isNull();
    }

    @Test
    void subscribeAcceptsDataAsAnObject() {
        SubscribeRequest r = SubscribeRequest.from(decode(
                "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"presence-x\",\"auth\":\"k:s\",\"channel_data\":\"{\\\"user_id\\\":1}\"}}"));
        assertThat(r.channel()).isEqualTo("presence-x");
        assertThat(r.auth()).isEqualTo("k:s");
        assertThat(r.channelData()).isEqualTo("{\"user_id\":1}");
        assertThat(r.filter()).isNull();
    }

    @Test
    void subscribeAcceptsDataAsAJsonEncodedString() {
        SubscribeRequest r = SubscribeRequest.from(decode(
                "{\"event\":\"pusher:subscribe\",\"data\":\"{\\\"channel\\\":\\\"my-channel\\\",\\\"tags_filter\\\":{\\\"key\\\":\\\"a\\\",\\\"cmp\\\":\\\"eq\\\",\\\"val\\\":\\\"b\\\"}}\"}"));
        assertThat(r.channel()).isEqualTo("my-channel");
        assertThat(r.filter().json()).isEqualTo("{\"key\":\"a\",\"cmp\":\"eq\",\"val\":\"b\"}");
    }

    @Test
    void subscribePrefersFilterOverTagsFilter() {
        SubscribeRequest r = SubscribeRequest.from(decode(
                "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"c\",\"tags_filter\":{\"a\":1},\"filter\":{\"b\":2},\"delta\":\"fossil\"}}"));
        assertThat(r.filter().json()).isEqualTo("{\"b\":2}");
        assertThat(r.delta().stringValue()).isEqualTo("fossil");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "[1,2]",
        "\"str\"",
        "{\"event\":1}",
        "{\"event\":\"x\",\"channel\":{}}",
        "{\"channel\":\"c\"}",
        "{\"event\":\"\"}",
        "{\"event\":\"x\"",
        "{\"event\":\"x\"} trailing",
        "{\"event\":\"x\",\"data\":{\"a\":}}",
        "",
    })
    void malformedFramesAreRefusedWith4000(String json) {
        assertThatThrownBy(() -> decode(json))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.error().code()).isEqualTo(4000));
    }

    @Test
    void deeplyNestedFramesAreRefusedWith4000() {
        String json = "{\"event\":\"x\",\"data\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThatThrownBy(() -> decode(json))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.error().message()).contains("nests too deeply"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"event\":\"pusher:subscribe\"}",
        "{\"event\":\"pusher:subscribe\",\"data\":5}",
        "{\"event\":\"pusher:subscribe\",\"data\":{}}",
        "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":5}}",
        "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"c\",\"auth\":[]}}",
        "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"c\",\"channel_data\":{\"user_id\":1}}}",
        "{\"event\":\"pusher:subscribe\",\"data\":\"not json\"}",
        "{\"event\":\"pusher:subscribe\",\"data\":\"[1]\"}",
    })
    void subscribeWithWrongTypesIsRefusedWith4000(String json) {
        assertThatThrownBy(() -> SubscribeRequest.from(decode(json)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.error().code()).isEqualTo(4000));
    }

    @Test
    void signinRequiresUserDataAndAuth() {
        SigninRequest r = SigninRequest.from(decode("{\"event\":\"pusher:signin\",\"data\":{\"user_data\":\"{\\\"id\\\":\\\"1\\\"}\",\"auth\":\"k:s\"}}"));
        assertThat(r.userData()).isEqualTo("{\"id\":\"1\"}");
        assertThatThrownBy(() -> SigninRequest.from(decode("{\"event\":\"pusher:signin\",\"data\":{\"auth\":\"k:s\"}}")))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void unsubscribeReadsTheChannel() {
        assertThat(UnsubscribeRequest.from(decode("{\"event\":\"pusher:unsubscribe\",\"data\":{\"channel\":\"c\"}}")).channel()).isEqualTo("c");
    }
}
