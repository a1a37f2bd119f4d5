package io.sockudo.bench.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockudo.bench.load.KeepAliveHttp;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeepAliveHttpTest {

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void readsResponsesOneAfterAnotherByTheirContentLength() throws IOException {
        InputStream in = stream("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                + "HTTP/1.1 401 Unauthorized\r\ncontent-length: 13\r\nConnection: keep-alive\r\n\r\n{\"error\":\"x\"}");
        KeepAliveHttp.Response first = KeepAliveHttp.read(in);
        KeepAliveHttp.Response second = KeepAliveHttp.read(in);
        assertThat(first.status()).isEqualTo(200);
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(second.status()).isEqualTo(401);
        assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("{\"error\":\"x\"}");
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void refusesWhatItCannotFrame() {
        assertThatThrownBy(() -> KeepAliveHttp.read(stream("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n")))
                .hasMessageContaining("chunked");
        assertThatThrownBy(() -> KeepAliveHttp.read(stream("HTTP/1.1 200 OK\r\n\r\n{}")))
                .hasMessageContaining("without Content-Length");
        assertThatThrownBy(() -> KeepAliveHttp.read(stream("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}")))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> KeepAliveHttp.read(stream("SSH-2.0-OpenSSH\r\n\r\n"))).hasMessageContaining("not an HTTP response");
    }

    @Test
    void postsOverOneConnectionToARealServer() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             KeepAliveHttp http = new KeepAliveHttp(Integer.parseInt(receiver.url().replaceAll(".*:(\\d+)/.*", "$1")))) {
            byte[] request = KeepAliveHttp.post("/webhooks", "{\"time_ms\":1,\"events\":[{\"name\":\"a\"},{\"name\":\"b\"}]}"
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(http.exchange(request).status()).isEqualTo(200);
            assertThat(http.exchange(request).status()).isEqualTo(200);
            assertThat(receiver.requests()).isEqualTo(2);
            assertThat(receiver.events()).isEqualTo(4);
        }
    }
}
