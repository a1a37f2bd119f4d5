package io.sockudo.protocol.filter;

import static io.sockudo.protocol.filter.Fixtures.filter;
import static io.sockudo.protocol.filter.Fixtures.json;
import static io.sockudo.protocol.filter.Fixtures.matches;
import static io.sockudo.protocol.filter.Fixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TagFilterJsonTest {

    @Test
    void toJsonWritesNumbersAndBooleansAsTheStringsTheyStandFor() {
        assertThat(filter("{'key':'px','cmp':'gte','val':1.50}").toJson())
                .isEqualTo(json("{'key':'px','cmp':'gte','val':'1.50'}"));
        assertThat(filter("{'key':'live','cmp':'eq','val':false}").toJson())
                .isEqualTo(json("{'key':'live','cmp':'eq','val':'false'}"));
    }

    @Test
    void toJsonSortsAndDeduplicatesVals() {
        assertThat(filter("{'key':'k','cmp':'nin','vals':['b',2,'a','b',true,'2']}").toJson())
                .isEqualTo(json("{'key':'k','cmp':'nin','vals':['2','a','b','true']}"));
    }

    @Test
    void toJsonDropsWhatTheComparisonDoesNotUseAndUnknownFields() {
        assertThat(filter("{'cmp':'ex','x':[1],'key':'k','val':'unused','vals':['unused']}").toJson())
                .isEqualTo(json("{'key':'k','cmp':'ex'}"));
        assertThat(filter("{'key':'k','cmp':'eq','val':'v','vals':[]}").toJson())
                .isEqualTo(json("{'key':'k','cmp':'eq','val':'v'}"));
    }

    @Test
    void toJsonKeepsTheOrderOfGroupChildren() {
        String json = json("{'op':'or','nodes':[{'key':'b','cmp':'ex'},{'op':'not','nodes':["
                + "{'key':'a','cmp':'ex'}]}]}");
        assertThat(TagFilter.parse(json).toJson()).isEqualTo(json);
    }

    @Test
    void toJsonWritesACompoundWithOnlyTagsAsItsNode() {
        assertThat(filter("{'tags':{'key':'a','cmp':'ex'}}").toJson())
                .isEqualTo(json("{'key':'a','cmp':'ex'}"));
        assertThat(filter("{'tags':{'key':'a','cmp':'ex'}}")).isEqualTo(filter("{'key':'a','cmp':'ex'}"));
    }

    @Test
    void toJsonSortsAndDeduplicatesEventNames() {
        assertThat(filter("{'events':['trade','price','trade'],'tags':{'key':'a','cmp':'ex'}}").toJson())
                .isEqualTo(json("{'tags':{'key':'a','cmp':'ex'},'events':['price','trade']}"));
        assertThat(filter("{'events':['b','a']}").toJson()).isEqualTo(json("{'events':['a','b']}"));
    }

    @Test
    void toJsonParsesBackToAnEqualFilter() {
        for (String f : new String[] {
            "{'key':'a','cmp':'in','vals':[3,1,'x']}",
            "{'op':'and','nodes':[{'key':'a','cmp':'gt','val':-1e3},{'key':'b','cmp':'sw','val':'\\u00e9'}]}",
            "{'events':['x'],'tags':{'op':'not','nodes':[{'key':'k','cmp':'nex'}]}}",
            "{'events':['x','y']}",
        }) {
            TagFilter parsed = filter(f);
            assertThat(TagFilter.parse(parsed.toJson())).as(f).isEqualTo(parsed);
            assertThat(parsed.toString()).isEqualTo(parsed.toJson());
        }
    }

    @Test
    void filtersWrittenDifferentlyButMeaningTheSameAreEqual() {
        TagFilter a = filter("{'key':'k','cmp':'in','vals':[1,'2','2']}");
        TagFilter b = filter("{'vals':['2','1'],'unknown':{},'cmp':'in','key':'k','op':null}");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(filter("{'key':'k','cmp':'nin','vals':['1','2']}"));
        assertThat(a).isNotEqualTo(filter("{'key':'j','cmp':'in','vals':['1','2']}"));
        assertThat(filter("{'key':'k','cmp':'eq','val':'1'}"))
                .isNotEqualTo(filter("{'key':'k','cmp':'gte','val':'1'}"))
                .isNotEqualTo(filter("{'key':'k','cmp':'in','vals':['1']}"));
        assertThat(filter("{'op':'and','nodes':[{'key':'k','cmp':'ex'}]}"))
                .isNotEqualTo(filter("{'op':'or','nodes':[{'key':'k','cmp':'ex'}]}"));
    }

    @Test
    void parsesASliceOfAByteArray() {
        byte[] bytes = json("xx{'key':'a','cmp':'eq','val':'é'}yy").getBytes(StandardCharsets.UTF_8);
        TagFilter f = TagFilter.parse(bytes, 2, bytes.length - 4);
        assertThat(matches(f, tags("a", "é"))).isTrue();
    }

    @Test
    void parsesTheFilterValueOfASubscribeFrameInPlace() throws IOException {
        String frame = json("{'channel':'ticker','filter':{'key':'sym','cmp':'eq','val':'BTC'},'auth':'x'}");
        try (JsonParser p = new JsonFactory().createParser(frame)) {
            p.nextToken();
            TagFilter f = null;
            String auth = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (name.equals("filter")) {
                    f = TagFilter.parse(p);
                    assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
                } else {
                    p.nextToken();
                    if (name.equals("auth")) {
                        auth = p.getText();
                    }
                }
            }
            assertThat(f).isEqualTo(filter("{'key':'sym','cmp':'eq','val':'BTC'}"));
            assertThat(auth).isEqualTo("x");
        }
    }

    @Test
    void parsesAFilterWhoseStartIsTheCurrentToken() throws IOException {
        try (JsonParser p = new JsonFactory().createParser(json("[{'key':'a','cmp':'ex'}]"))) {
            p.nextToken();
            p.nextToken();
            assertThat(TagFilter.parse(p)).isEqualTo(filter("{'key':'a','cmp':'ex'}"));
            assertThat(p.nextToken()).isEqualTo(JsonToken.END_ARRAY);
        }
    }
}
