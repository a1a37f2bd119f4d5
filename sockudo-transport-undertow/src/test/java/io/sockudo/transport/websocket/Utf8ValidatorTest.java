package io.sockudo.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8ValidatorTest {

    private static boolean valid(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        return Utf8Validator.isValid(b, 0, b.length);
    }

    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "41", "c280", "dfbf", "e0a080", "efbfbf", "ed9fbf", "ee8080", "f0908080", "f48fbfbf",
            "cebae1bdb9cf83cebcceb5"})
    void wellFormedSequencesAreValid(String hex) {
        assertThat(valid(hex)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"80", "bf", "c0af", "c1bf", "e08080", "e09fbf", "eda080", "edbfbf", "f08f8080", "f4908080",
            "f5808080", "ff", "fe", "c2", "e0a0", "f09080", "c241", "e041"})
    void overlongFormsSurrogatesOutOfRangeStrayAndTruncatedSequencesAreInvalid(String hex) {
        assertThat(valid(hex)).isFalse();
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomBytes() {
        Random random = new Random(8);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(12)];
            for (int j = 0; j < b.length; j++) {
                // mostly lead and continuation bytes, where the interesting cases are
                b[j] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 0x80 + random.nextInt(0x78));
            }
            assertThat(Utf8Validator.isValid(b, 0, b.length)).as(HexFormat.of().formatHex(b)).isEqualTo(jdkAccepts(b));
        }
    }

    @Test
    void givenInPiecesItAgreesWithTheWholeAndFailsAtTheFirstImpossibleByte() {
        Random random = new Random(9);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(12)];
            for (int j = 0; j < b.length; j++) {
                b[j] = (byte) (random.nextInt(3) == 0 ? random.nextInt(256) : 0x80 + random.nextInt(0x78));
            }
            Utf8Validator v = new Utf8Validator();
            boolean ok = true;
            int j = 0;
            while (ok && j < b.length) {
                int n = 1 + random.nextInt(b.length - j);
                ok = v.accept(b, j, n);
                j += n;
            }
            assertThat(ok && v.isComplete()).as(HexFormat.of().formatHex(b)).isEqualTo(Utf8Validator.isValid(b, 0, b.length));
        }
    }

    @Test
    void anUnfinishedCharacterIsNotYetAnError() {
        Utf8Validator v = new Utf8Validator();
        assertThat(v.accept(new byte[] {(byte) 0xE2, (byte) 0x82}, 0, 2)).isTrue();
        assertThat(v.isComplete()).isFalse();
        assertThat(v.accept(new byte[] {(byte) 0xAC}, 0, 1)).isTrue();
        assertThat(v.isComplete()).isTrue();
    }
}
