package io.sockudo.protocol.filter;

import java.util.LinkedHashMap;
import java.util.Map;

/** Terse builders so that each test shows the filter and the tags it is about. */
final class Fixtures {

    private Fixtures() {
    }

    /** Parses JSON written with single quotes, which reads better inside Java strings. */
    static TagFilter filter(String singleQuotedJson) {
        return TagFilter.parse(json(singleQuotedJson));
    }

    static String json(String singleQuotedJson) {
        return singleQuotedJson.replace('\'', '"');
    }

    /** Tags from alternating keys and values. */
    static Tags tags(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Tags.of(map);
    }

    /** A leaf on key {@code k}; {@code val} is JSON text (quoted string, number or boolean). */
    static TagFilter leaf(String k, String cmp, String val) {
        return filter("{'key':'" + k + "','cmp':'" + cmp + "','val':" + val + "}");
    }

    static boolean matches(TagFilter filter, Tags tags) {
        return filter.matches("event", tags);
    }
}
