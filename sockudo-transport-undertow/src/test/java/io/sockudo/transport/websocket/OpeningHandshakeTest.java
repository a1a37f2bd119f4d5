package io.sockudo.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.Protocols;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §4.2.1 and §4.2.2: which requests are upgraded, and the answer to each that is not. */
class OpeningHandshakeTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private static HeaderMap valid() {
        HeaderMap h = new HeaderMap();
        h.put(Headers.HOST, "127.0.0.1");
        h.put(Headers.UPGRADE, "websocket");
        h.put(Headers.CONNECTION, "Upgrade");
        h.put(OpeningHandshake.SEC_WEBSOCKET_KEY, KEY);
        h.put(OpeningHandshake.SEC_WEBSOCKET_VERSION, "13");
        return h;
    }

    private static Optional<Integer> status(HttpString method, HttpString protocol, HeaderMap headers) {
        return OpeningHandshake.check(method, protocol, headers).map(OpeningHandshake.Refusal::status);
    }

    private static Optional<Integer> status(HeaderMap headers) {
        return status(Methods.GET, Protocols.HTTP_1_1, headers);
    }

    @Test
    void aValidRequestIsUpgradedAndAnsweredWithTheRfcExampleAccept() {
        assertThat(status(valid())).isEmpty();
        assertThat(OpeningHandshake.accept(KEY)).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void tokensAreMatchedInAnyCaseInsideCommaSeparatedLists() {
        HeaderMap h = valid();
        h.put(Headers.UPGRADE, "WebSocket");
        h.put(Headers.CONNECTION, "keep-alive, UPGRADE");
        assertThat(status(h)).isEmpty();
    }

    @Test
    void anHttp10RequestIsRefusedWith400() {
        assertThat(status(Methods.GET, Protocols.HTTP_1_0, valid())).contains(400);
    }

    @Test
    void aRequestWithoutAHostOrWithTwoIsRefusedWith400() {
        HeaderMap none = valid();
        none.remove(Headers.HOST);
        HeaderMap two = valid();
        two.add(Headers.HOST, "example.com");
        assertThat(status(none)).contains(400);
        assertThat(status(two)).contains(400);
    }

    @Test
    void aMethodOtherThanGetIsRefusedWith405() {
        assertThat(status(Methods.POST, Protocols.HTTP_1_1, valid())).contains(405);
    }

    @Test
    void aRequestWithoutUpgradeWebsocketOrConnectionUpgradeIsRefusedWith400() {
        HeaderMap noUpgrade = valid();
        noUpgrade.remove(Headers.UPGRADE);
        HeaderMap otherUpgrade = valid();
        otherUpgrade.put(Headers.UPGRADE, "notwebsocket");
        HeaderMap noConnection = valid();
        noConnection.put(Headers.CONNECTION, "keep-alive");
        assertThat(status(noUpgrade)).contains(400);
        assertThat(status(otherUpgrade)).contains(400);
        assertThat(status(noConnection)).contains(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8", "12", "14", ""})
    void aVersionOtherThan13IsRefusedWith426(String version) {
        HeaderMap h = valid();
        h.put(OpeningHandshake.SEC_WEBSOCKET_VERSION, version);
        assertThat(status(h)).contains(426);
    }

    @Test
    void aMissingVersionIsRefusedWith426() {
        HeaderMap h = valid();
        h.remove(OpeningHandshake.SEC_WEBSOCKET_VERSION);
        assertThat(status(h)).contains(426);
    }

    @Test
    void aMissingKeyIsRefusedWith400() {
        HeaderMap h = valid();
        h.remove(OpeningHandshake.SEC_WEBSOCKET_KEY);
        assertThat(status(h)).contains(400);
    }

    @Test
    void twoKeysAreRefusedWith400() {
        HeaderMap h = valid();
        h.add(OpeningHandshake.SEC_WEBSOCKET_KEY, "AAAAAAAAAAAAAAAAAAAAAA==");
        assertThat(status(h)).contains(400);
    }

    @Test
    void twoVersionHeadersAreRefusedWith400() {
        HeaderMap h = valid();
        h.add(OpeningHandshake.SEC_WEBSOCKET_VERSION, "13");
        assertThat(status(h)).contains(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "AAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAA", "YQ=="})
    void aKeyThatIsNot16BytesInBase64IsRefusedWith400(String key) {
        HeaderMap h = valid();
        h.put(OpeningHandshake.SEC_WEBSOCKET_KEY, key);
        assertThat(status(h)).contains(400);
    }
}
