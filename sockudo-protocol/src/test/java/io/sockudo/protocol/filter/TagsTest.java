package io.sockudo.protocol.filter;

import static io.sockudo.protocol.filter.Fixtures.json;
import static io.sockudo.protocol.filter.Fixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagsTest {

    private static final JsonFactory JSON = new JsonFactory();

    @Test
    void parseReadsAnObjectOfStrings() throws IOException {
        Tags tags = parse("{'sym':'BTC','venue':'x'}");
        assertThat(tags.size()).isEqualTo(2);
        assertThat(tags.get("sym")).isEqualTo("BTC");
        assertThat(tags.get("venue")).isEqualTo("x");
        assertThat(tags.get("px")).isNull();
    }

    @Test
    void parseKeepsKeysInUtf8ByteOrder() throws IOException {
        Tags tags = parse("{'b':'2','\uD83D\uDE00':'5','a':'1','\uE000':'4','B':'0','é':'3'}");
        assertThat(keys(tags)).containsExactly("B", "a", "b", "é", "\uE000", "\uD83D\uDE00");
        assertThat(tags.value(0)).isEqualTo("0");
        assertThat(tags.value(5)).isEqualTo("5");
    }

    @Test
    void writeJsonGivesTheSameBytesWhateverTheInputOrder() throws IOException {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("a", "1");
        forward.put("b", "2");
        forward.put("c\"", "é");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("c\"", "é");
        backward.put("b", "2");
        backward.put("a", "1");
        byte[] expected = "{\"a\":\"1\",\"b\":\"2\",\"c\\\"\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(write(Tags.of(forward))).isEqualTo(expected);
        assertThat(write(Tags.of(backward))).isEqualTo(expected);
        assertThat(write(parse("{'c\\\"':'é','b':'2','a':'1'}"))).isEqualTo(expected);
    }

    @Test
    void writeJsonOfNoTagsIsAnEmptyObject() throws IOException {
        assertThat(new String(write(Tags.EMPTY), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void parseRefusesANonStringValueNamingTheKey() {
        assertThatThrownBy(() -> parse("{'sym':'BTC','px':100}"))
                .isInstanceOf(FilterException.class)
                .hasMessage("tags: the value of \"px\" must be a string, not a number");
        assertThatThrownBy(() -> parse("{'live':true}"))
                .hasMessage("tags: the value of \"live\" must be a string, not a boolean");
        assertThatThrownBy(() -> parse("{'a':null}"))
                .hasMessage("tags: the value of \"a\" must be a string, not null");
        assertThatThrownBy(() -> parse("{'a':{'b':'c'}}"))
                .hasMessage("tags: the value of \"a\" must be a string, not an object");
    }

    @Test
    void parseRefusesAnythingButAnObject() {
        assertThatThrownBy(() -> parse("['a']"))
                .hasMessage("tags: must be an object of strings, not an array");
        assertThatThrownBy(() -> parse("'a'"))
                .hasMessage("tags: must be an object of strings, not a string");
    }

    @Test
    void parseReadsNullAsNoTags() throws IOException {
        assertThat(parse("null")).isSameAs(Tags.EMPTY);
        assertThat(parse("{}")).isSameAs(Tags.EMPTY);
    }

    @Test
    void parseKeepsTheLastOfARepeatedKey() throws IOException {
        assertThat(parse("{'a':'1','a':'2'}")).isEqualTo(tags("a", "2"));
    }

    @Test
    void parseReadsTheValueOfAFieldAndStopsAtItsEnd() throws IOException {
        try (JsonParser p = JSON.createParser(json("{'name':'price','tags':{'b':'2','a':'1'},'x':1}"))) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            p.nextToken();
            p.nextToken();
            assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
            Tags fromFieldName = Tags.parse(p);
            assertThat(fromFieldName).isEqualTo(tags("a", "1", "b", "2"));
            assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
            assertThat(p.currentName()).isEqualTo("x");
        }
    }

    @Test
    void parseStartsAtTheObjectWhenItIsTheCurrentToken() throws IOException {
        try (JsonParser p = JSON.createParser("{\"a\":\"1\"}")) {
            p.nextToken();
            assertThat(Tags.parse(p)).isEqualTo(tags("a", "1"));
            assertThat(p.nextToken()).isNull();
        }
    }

    @Test
    void ofCopiesTheMapAndSortsIt() {
        Map<String, String> map = new HashMap<>(Map.of("z", "26", "a", "1"));
        Tags tags = Tags.of(map);
        map.put("m", "13");
        assertThat(keys(tags)).containsExactly("a", "z");
        assertThat(Tags.of(Map.of())).isSameAs(Tags.EMPTY);
    }

    @Test
    void ofRefusesNullValues() {
        Map<String, String> map = new HashMap<>();
        map.put("a", null);
        assertThatThrownBy(() -> Tags.of(map)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void tagsAreEqualByContent() throws IOException {
        Tags a = tags("x", "1", "y", "2");
        Tags b = parse("{'y':'2','x':'1'}");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(tags("x", "1", "y", "3"));
        assertThat(a).isNotEqualTo(tags("x", "1"));
        assertThat(a.toString()).isEqualTo("{x=1, y=2}");
    }

    @Test
    void getFindsEveryKeyOfAManyTaggedMessage() {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            map.put((i % 3 == 0 ? "\uD83D\uDE00" : i % 3 == 1 ? "\uE000" : "k") + i, "v" + i);
        }
        Tags tags = Tags.of(map);
        map.forEach((k, v) -> assertThat(tags.get(k)).as(k).isEqualTo(v));
        assertThat(tags.get("k")).isNull();
        assertThat(tags.get("\uE0001")).isEqualTo("v1");
        assertThat(tags.get("\uE0000")).isNull();
        assertThat(tags.get("zz")).isNull();
        assertThat(tags.get("")).isNull();
    }

    @Test
    void anEmptyKeyAndEmptyValueAreOrdinaryTags() {
        Tags tags = tags("", "");
        assertThat(tags.get("")).isEqualTo("");
        assertThat(Tags.EMPTY.isEmpty()).isTrue();
        assertThat(tags.isEmpty()).isFalse();
    }

    private static Tags parse(String singleQuotedJson) throws IOException {
        try (JsonParser p = JSON.createParser(json(singleQuotedJson))) {
            Tags tags = Tags.parse(p);
            assertThat(p.nextToken()).as("parser left after the value").isNull();
            return tags;
        }
    }

    private static byte[] write(Tags tags) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            tags.writeJson(g);
        }
        return out.toByteArray();
    }

    private static String[] keys(Tags tags) {
        String[] keys = new String[tags.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = tags.key(i);
        }
        return keys;
    }
}
