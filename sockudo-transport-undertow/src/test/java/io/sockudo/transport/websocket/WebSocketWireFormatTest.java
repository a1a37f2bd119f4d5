package io.sockudo.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6455 §5.2 frame writing on the server side: final, unmasked, shortest length form. */
class WebSocketWireFormatTest {

    @ParameterizedTest
    @CsvSource({"0,2", "125,2", "126,4", "65535,4", "65536,10", "1000000,10"})
    void theHeaderUsesTheShortestLengthForm(int payloadLength, int headerLength) {
        assertThat(WebSocketWireFormat.INSTANCE.headerLength(payloadLength)).isEqualTo(headerLength);
    }

    @ParameterizedTest
    @CsvSource({"5", "126", "65535", "65536", "70000"})
    void aTextHeaderIsFinalUnmaskedAndCarriesTheLength(int payloadLength) {
        byte[] header = new byte[WebSocketWireFormat.INSTANCE.headerLength(payloadLength)];
        WebSocketWireFormat.INSTANCE.writeHeader(header, payloadLength);
        assertThat(header[0] & 0xFF).isEqualTo(0x81);
        assertThat(header[1] & 0x80).as("mask bit").isZero();
        long length = header[1] & 0x7F;
        if (length == 126) {
            length = (header[2] & 0xFF) << 8 | header[3] & 0xFF;
        } else if (length == 127) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = length << 8 | header[i] & 0xFF;
            }
        }
        assertThat(length).isEqualTo(payloadLength);
    }

    @Test
    void aCloseFrameCarriesItsCodeAndReason() {
        byte[] f = WebSocketWireFormat.close(4009, "Origin not allowed");
        assertThat(f[0] & 0xFF).isEqualTo(0x88);
        assertThat(f[1]).isEqualTo((byte) (2 + 18));
        assertThat((f[2] & 0xFF) << 8 | f[3] & 0xFF).isEqualTo(4009);
        assertThat(new String(f, 4, f.length - 4, StandardCharsets.UTF_8)).isEqualTo("Origin not allowed");
    }

    @Test
    void aLongCloseReasonIsCutTo123BytesWithoutSplittingACharacter() {
        byte[] f = WebSocketWireFormat.close(1000, "é".repeat(100));
        int reasonBytes = f.length - 4;
        assertThat(reasonBytes).isLessThanOrEqualTo(123).isEven();
        assertThat(f[1]).isEqualTo((byte) (f.length - 2));
        assertThat(Utf8Validator.isValid(f, 4, reasonBytes)).isTrue();
    }

    @Test
    void aPongEchoesThePingPayload() {
        byte[] payload = "abc".getBytes(StandardCharsets.US_ASCII);
        byte[] f = WebSocketWireFormat.control(Opcode.PONG, payload, 0, 3);
        assertThat(f).containsExactly(0x8A, 3, 'a', 'b', 'c');
        assertThat(Arrays.copyOfRange(f, 2, 5)).isEqualTo(payload);
    }
}
