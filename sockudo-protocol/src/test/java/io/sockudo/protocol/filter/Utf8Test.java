package io.sockudo.protocol.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void ordersSupplementaryCharactersAfterTheEndOfTheBasicPlane() {
        String privateUse = "\uE000";
        String emoji = "\uD83D\uDE00";
        assertThat(privateUse.compareTo(emoji)).as("UTF-16 order").isPositive();
        assertThat(Utf8.compare(privateUse, emoji)).as("UTF-8 order").isNegative();
    }

    @Test
    void agreesWithComparingEncodedBytesOnRandomStrings() {
        Random random = new Random(7);
        char[] alphabet = {'a', 'b', 'Z', 'é', '\u07ff', '\u0800', '\uD7FF', '\uE000', '\uFFFD'};
        for (int n = 0; n < 20_000; n++) {
            String a = randomString(random, alphabet);
            String b = randomString(random, alphabet);
            int expected = Integer.signum(Arrays.compareUnsigned(
                    a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
            assertThat(Integer.signum(Utf8.compare(a, b))).as("%s vs %s", a, b).isEqualTo(expected);
        }
    }

    @Test
    void countsEncodedBytes() {
        for (String s : new String[] {"", "abc", "é", "\u07ff", "\u0800", "€", "\uD83D\uDE00",
                "a\uD83D\uDE00é€"}) {
            assertThat(Utf8.encodedLength(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    private static String randomString(Random random, char[] alphabet) {
        StringBuilder b = new StringBuilder();
        int length = random.nextInt(4);
        for (int i = 0; i < length; i++) {
            if (random.nextInt(5) == 0) {
                b.appendCodePoint(0x10000 + random.nextInt(0x100000));
            } else {
                b.append(alphabet[random.nextInt(alphabet.length)]);
            }
        }
        return b.toString();
    }
}
