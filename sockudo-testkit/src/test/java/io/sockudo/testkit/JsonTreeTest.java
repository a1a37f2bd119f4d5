package io.sockudo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTreeTest {

    private final Map<String, Object> frame = JsonTree.object(
            "{\"event\":\"pusher:error\",\"data\":{\"code\":4001,\"presence\":{\"count\":2,\"ids\":[\"u1\",{\"id\":\"u2\"}]}}}");

    @Test
    void followsKeysAndIndexes() {
        assertThat(JsonTree.at(frame, "data", "code")).isEqualTo(4001L);
        assertThat(JsonTree.at(frame, "data", "presence", "ids", 0)).isEqualTo("u1");
        assertThat(JsonTree.at(frame, "data", "missing", "code")).isNull();
    }

    @Test
    void objectAtAPathIsTheMapThere() {
        assertThat(JsonTree.object(frame, "data", "presence")).containsEntry("count", 2L);
        assertThat(JsonTree.object(frame, "data", "presence", "ids", 1)).containsEntry("id", "u2");
    }

    @Test
    void objectAtAPathFailsWhenThereIsNone() {
        assertThatThrownBy(() -> JsonTree.object(frame, "event"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("[event]");
        assertThatThrownBy(() -> JsonTree.object(frame, "data", "nothing"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("[data, nothing]");
    }

    @Test
    void aRepeatedMemberFailsTheTest() {
        assertThatThrownBy(() -> JsonTree.parse("{\"data\":{\"a\":1,\"a\":2}}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("field a repeated");
    }
}
