package io.sockudo.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PresenceAndUserDataTest {

    @Test
    void presenceMemberKeepsStringAndNumericIds() {
        PresenceMember s = PresenceMember.parse("{\"user_id\":\"u1\",\"user_info\":{\"name\":\"n\"}}");
        assertThat(s.userId()).isEqualTo("u1");
        assertThat(s.userIdJson()).isEqualTo("\"u1\"");
        assertThat(s.userInfo()).isEqualTo("{\"name\":\"n\"}");
        PresenceMember n = PresenceMember.parse("{\"user_info\":null,\"user_id\":7}");
        assertThat(n.userId()).isEqualTo("7");
        assertThat(n.userIdJson()).isEqualTo("7");
        assertThat(n.userInfo()).isEqualTo("{}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "[]", "{}", "{\"user_id\":\"\"}", "{\"user_id\":1.5}", "{\"user_id\":true}", "{\"user_id\":\"1\"} x"})
    void presenceMemberRefusesUnusableChannelData(String data) {
        assertThatThrownBy(() -> PresenceMember.parse(data))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.error().code()).isEqualTo(4000));
    }

    @Test
    void userDataReadsIdAndWatchlist() {
        UserData u = UserData.parse("{\"id\":\"1\",\"name\":\"n\",\"watchlist\":[\"2\",\"3\"]}");
        assertThat(u.id()).isEqualTo("1");
        assertThat(u.watchlist()).containsExactly("2", "3");
        assertThat(UserData.parse("{\"id\":\"1\"}").watchlist()).isEmpty();
    }

    @Test
    void userDataTakesNumericIdsAsTheirDecimalString() {
        UserData u = UserData.parse("{\"id\":1,\"watchlist\":[2,\"3\",-4]}");
        assertThat(u.id()).isEqualTo("1");
        assertThat(u.watchlist()).containsExactly("2", "3", "-4");
        assertThat(UserData.parse("{\"id\":12345678901234567890}").id()).isEqualTo("12345678901234567890");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "{}", "{\"id\":1.5}", "{\"id\":true}", "{\"id\":\"\"}", "{\"id\":\"1\",\"watchlist\":\"2\"}",
        "{\"id\":\"1\",\"watchlist\":[2.5]}", "{\"id\":\"1\",\"watchlist\":[{}]}"})
    void userDataRefusesWith4009(String data) {
        assertThatThrownBy(() -> UserData.parse(data))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.error().code()).isEqualTo(4009));
    }
}
