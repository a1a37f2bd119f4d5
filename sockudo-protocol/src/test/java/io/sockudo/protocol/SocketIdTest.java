package io.sockudo.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SocketIdTest {

    @Test
    void randomIdsHaveTheDigitsDotDigitsShapeAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = SocketId.random().toString();
            assertThat(id).matches("\\d+\\.\\d+");
            assertThat(seen.add(id)).isTrue();
        }
    }

    @Test
    void parsesWhatItPrints() {
        SocketId id = SocketId.random();
        assertThat(SocketId.parse(id.toString())).isEqualTo(id);
        assertThat(SocketId.parse("123.456").is(123, 456)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "1.", ".1", "1.2.3", "a.1", "1.b", "-1.2", "99999999999999999999.1", "1,2"})
    void refusesAnythingElse(String s) {
        assertThat(SocketId.parse(s)).isNull();
    }
}
