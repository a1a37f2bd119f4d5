package io.sockudo.protocol.filter;

import static io.sockudo.protocol.filter.Fixtures.filter;
import static io.sockudo.protocol.filter.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TagFilterRefusalTest {

    static Stream<Arguments> refusals() {
        return Stream.of(
                // the document
                refusal("", "filter: must be an object, not nothing"),
                refusal("[]", "filter: must be an object, not an array"),
                refusal("'eq'", "filter: must be an object, not a string"),
                refusal("null", "filter: must be an object, not null"),
                refusal("{'key':'a','cmp':'ex'} {}", "filter: unexpected content after the filter"),
                // ops
                refusal("{'op':'xor','nodes':[{'key':'a','cmp':'ex'}]}", "filter: unknown op \"xor\""),
                refusal("{'op':'AND','nodes':[{'key':'a','cmp':'ex'}]}", "filter: unknown op \"AND\""),
                refusal("{'op':1,'nodes':[]}", "filter: \"op\" must be a string, not a number"),
                refusal("{'op':'and'}", "filter: op \"and\" needs at least one node"),
                refusal("{'op':'or','nodes':[]}", "filter: op \"or\" needs at least one node"),
                refusal("{'op':'not','nodes':[]}", "filter: op \"not\" needs exactly one node, not 0"),
                refusal("{'op':'not'}", "filter: op \"not\" needs exactly one node, not 0"),
                refusal("{'op':'not','nodes':[{'key':'a','cmp':'ex'},{'key':'b','cmp':'ex'}]}",
                        "filter: op \"not\" needs exactly one node, not 2"),
                refusal("{'op':'and','nodes':{'key':'a','cmp':'ex'}}",
                        "filter: \"nodes\" must be an array, not an object"),
                refusal("{'op':'and','nodes':['a']}",
                        "filter.nodes[0]: a node must be an object, not a string"),
                refusal("{'op':'and','nodes':[{'key':'a','cmp':'ex'},null]}",
                        "filter.nodes[1]: a node must be an object, not null"),
                refusal("{'op':'and','key':'a','nodes':[{'key':'a','cmp':'ex'}]}",
                        "filter: a group (\"op\") cannot have \"key\", \"cmp\", \"val\" or \"vals\""),
                refusal("{'op':'or','vals':['a'],'nodes':[{'key':'a','cmp':'ex'}]}",
                        "filter: a group (\"op\") cannot have \"key\", \"cmp\", \"val\" or \"vals\""),
                // leaves
                refusal("{'nodes':[{'key':'a','cmp':'ex'}]}",
                        "filter: a leaf (no \"op\") cannot have \"nodes\""),
                refusal("{}", "filter: missing \"key\""),
                refusal("{'cmp':'eq','val':'x'}", "filter: missing \"key\""),
                refusal("{'key':null,'cmp':'eq','val':'x'}", "filter: missing \"key\""),
                refusal("{'key':'','cmp':'eq','val':'x'}", "filter: \"key\" must not be empty"),
                refusal("{'key':5,'cmp':'eq','val':'x'}", "filter: \"key\" must be a string, not a number"),
                refusal("{'key':['a'],'cmp':'eq','val':'x'}",
                        "filter: \"key\" must be a string, not an array"),
                refusal("{'key':'a','val':'x'}", "filter: missing \"cmp\""),
                refusal("{'key':'a','cmp':'eqq','val':'x'}", "filter: unknown cmp \"eqq\""),
                refusal("{'key':'a','cmp':'EQ','val':'x'}", "filter: unknown cmp \"EQ\""),
                refusal("{'key':'a','cmp':true,'val':'x'}", "filter: \"cmp\" must be a string, not a boolean"),
                refusal("{'key':'a','cmp':'eq'}", "filter: cmp \"eq\" needs \"val\""),
                refusal("{'key':'a','cmp':'eq','val':null}", "filter: cmp \"eq\" needs \"val\""),
                refusal("{'key':'a','cmp':'gte','vals':['1']}", "filter: cmp \"gte\" needs \"val\""),
                refusal("{'key':'a','cmp':'eq','val':''}", "filter: \"val\" must not be empty"),
                refusal("{'key':'a','cmp':'ct','val':''}", "filter: \"val\" must not be empty"),
                refusal("{'key':'a','cmp':'eq','val':['x']}",
                        "filter: \"val\" must be a string, number or boolean, not an array"),
                refusal("{'key':'a','cmp':'eq','val':{'x':1}}",
                        "filter: \"val\" must be a string, number or boolean, not an object"),
                refusal("{'key':'a','cmp':'in'}", "filter: cmp \"in\" needs \"vals\""),
                refusal("{'key':'a','cmp':'nin','val':'x'}", "filter: cmp \"nin\" needs \"vals\""),
                refusal("{'key':'a','cmp':'in','vals':[]}", "filter: \"vals\" must not be empty"),
                refusal("{'key':'a','cmp':'in','vals':'x'}", "filter: \"vals\" must be an array, not a string"),
                refusal("{'key':'a','cmp':'in','vals':['x',null]}",
                        "filter: vals[1] must be a string, number or boolean, not null"),
                refusal("{'key':'a','cmp':'in','vals':['x',['y']]}",
                        "filter: vals[1] must be a string, number or boolean, not an array"),
                // wrong types are refused even in a field the comparison does not use
                refusal("{'key':'a','cmp':'ex','val':{}}",
                        "filter: \"val\" must be a string, number or boolean, not an object"),
                refusal("{'key':'a','cmp':'eq','val':'x','vals':5}",
                        "filter: \"vals\" must be an array, not a number"),
                // repeated fields
                refusal("{'key':'a','cmp':'eq','val':'x','key':'b'}", "filter: \"key\" appears twice"),
                refusal("{'key':'a','cmp':'eq','val':'x','val':'y'}", "filter: \"val\" appears twice"),
                // nested paths
                refusal("{'op':'or','nodes':[{'key':'a','cmp':'eq','val':'x'},{'key':'b','cmp':'eqq','val':'y'}]}",
                        "filter.nodes[1]: unknown cmp \"eqq\""),
                refusal("{'op':'and','nodes':[{'op':'not','nodes':[{'key':'a','cmp':'in','vals':[]}]}]}",
                        "filter.nodes[0].nodes[0]: \"vals\" must not be empty"),
                // compound
                refusal("{'tags':{'key':'a','cmp':'ex'},'expression':'data.x > 1'}",
                        "filter: filter expressions (\"expression\") are not supported"),
                refusal("{'expression':{'language':'jmespath','source':'a'}}",
                        "filter: filter expressions (\"expression\") are not supported"),
                refusal("{'tags':null}", "filter: needs \"tags\" or \"events\""),
                refusal("{'tags':{'key':'a','cmp':'ex'},'key':'b'}",
                        "filter: cannot mix \"tags\"/\"events\" with the fields of a node"
                                + " (\"op\", \"key\", \"cmp\", \"val\", \"vals\", \"nodes\")"),
                refusal("{'events':['e'],'op':'and','nodes':[{'key':'a','cmp':'ex'}]}",
                        "filter: cannot mix \"tags\"/\"events\" with the fields of a node"
                                + " (\"op\", \"key\", \"cmp\", \"val\", \"vals\", \"nodes\")"),
                refusal("{'tags':[{'key':'a','cmp':'ex'}]}",
                        "filter.tags: a node must be an object, not an array"),
                refusal("{'tags':{'key':'a','cmp':'nope'}}", "filter.tags: unknown cmp \"nope\""),
                refusal("{'tags':{'op':'or','nodes':[{'key':'a'}]}}",
                        "filter.tags.nodes[0]: missing \"cmp\""),
                refusal("{'events':'price'}", "filter: \"events\" must be an array, not a string"),
                refusal("{'events':[]}", "filter: \"events\" must not be empty"),
                refusal("{'events':['price','']}", "filter: events[1] must not be empty"),
                refusal("{'events':['price',7]}", "filter: events[1] must be a string, not a number"),
                refusal("{'events':[null]}", "filter: events[0] must be a string, not null"));
    }

    private static Arguments refusal(String singleQuotedJson, String message) {
        return Arguments.of(json(singleQuotedJson), message);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("refusals")
    void refusesWithAMessageThatNamesTheProblemAndWhereItIs(String json, String message) {
        assertThatThrownBy(() -> TagFilter.parse(json))
                .isInstanceOf(FilterException.class)
                .hasMessage(message);
    }

    @Test
    void quotesClientTextOnOneShortLine() {
        String cmp = "eq\n\"" + "x".repeat(200);
        String json = "{\"key\":\"a\",\"cmp\":\"" + cmp.replace("\n", "\\n").replace("\"", "\\\"")
                + "\",\"val\":\"v\"}";
        assertThatThrownBy(() -> TagFilter.parse(json))
                .hasMessage("filter: unknown cmp \"eq\\u000a\\\"" + "x".repeat(36) + "...\"");
    }

    @Test
    void invalidJsonIsReportedWithWhereTheParserStopped() {
        assertThatThrownBy(() -> TagFilter.parse("{\"key\":\"a\","))
                .isInstanceOf(FilterException.class)
                .hasMessageStartingWith("filter: invalid JSON: Unexpected end-of-input")
                .hasMessageEndingWith(" at line 1, column 12");
    }

    @Test
    void invalidJsonIsReportedOnOneLine() {
        assertThatThrownBy(() -> TagFilter.parse("{\"key\":\n\"a\" \"cmp\"}"))
                .isInstanceOf(FilterException.class)
                .hasMessageStartingWith("filter: invalid JSON: ")
                .hasMessageContaining(" at line 2, column ")
                .message().doesNotContain("\n");
    }

    @Test
    void compoundFieldsBelowTheTopLevelAreUnknownFieldsAndIgnored() {
        TagFilter f = filter("{'op':'not','nodes':[{'key':'a','cmp':'ex',"
                + "'tags':{'junk':[1,{'x':[]}]},'events':5,'expression':'x'}]}");
        assertThat(f).isEqualTo(filter("{'op':'not','nodes':[{'key':'a','cmp':'ex'}]}"));
        assertThatThrownBy(() -> filter("{'op':'not','nodes':[{'events':['e']}]}"))
                .hasMessage("filter.nodes[0]: missing \"key\"");
    }
}
