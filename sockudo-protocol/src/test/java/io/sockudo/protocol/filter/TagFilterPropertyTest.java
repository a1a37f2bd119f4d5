package io.sockudo.protocol.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Random filters against random tag sets, with a fixed seed and bounded sizes so a failure
 * reproduces. Each filter is built as a plain model, written as JSON, parsed, and then checked
 * against a reference evaluator written from the semantics table rather than from the code.
 */
class TagFilterPropertyTest {

    private static final long SEED = 20_240_517L;
    private static final int FILTERS = 3_000;
    private static final int TAG_SETS_PER_FILTER = 40;

    private static final String[] KEYS = {"a", "b", "c", "d"};
    private static final String[] VALUES = {"1", "2", "10", "-3.5", "1e1", "x", "xy", "yx", "nan", ""};
    private static final String[] CMPS =
            {"eq", "eq", "eq", "in", "in", "neq", "nin", "ex", "nex", "sw", "ew", "ct", "gt", "gte", "lt", "lte"};

    private final Random random = new Random(SEED);

    @Test
    void everyMatchingMessageCarriesOneOfTheFiltersIndexPairs() {
        int indexableMatches = 0;
        for (int n = 0; n < FILTERS; n++) {
            Model model = node(1);
            TagFilter filter = TagFilter.parse(model.json());
            IndexKeys keys = filter.indexKeys();
            for (int t = 0; t < TAG_SETS_PER_FILTER; t++) {
                Tags tags = Tags.of(randomTags());
                if (keys.isIndexable() && filter.matches("e", tags)) {
                    indexableMatches++;
                    boolean carriesAPair = keys.pairs().stream()
                            .anyMatch(p -> p.value().equals(tags.get(p.key())));
                    assertThat(carriesAPair).as("%s on %s, keys %s", model.json(), tags, keys).isTrue();
                    assertThat(keys.isHitBy(tags)).isTrue();
                }
            }
        }
        // Guard against a generator that makes the property hold vacuously.
        assertThat(indexableMatches).isGreaterThan(1_000);
    }

    @Test
    void matchesAgreesWithAReferenceEvaluator() {
        int matched = 0;
        int total = 0;
        for (int n = 0; n < FILTERS; n++) {
            Model model = node(1);
            TagFilter filter = TagFilter.parse(model.json());
            for (int t = 0; t < TAG_SETS_PER_FILTER; t++) {
                Map<String, String> map = randomTags();
                boolean expected = model.eval(map);
                assertThat(filter.matches("e", Tags.of(map))).as("%s on %s", model.json(), map)
                        .isEqualTo(expected);
                matched += expected ? 1 : 0;
                total++;
            }
        }
        assertThat(matched).as("both outcomes are exercised").isBetween(total / 10, total - total / 10);
    }

    @Test
    void theNormalizedFormParsesBackToAnEqualFilter() {
        for (int n = 0; n < FILTERS; n++) {
            TagFilter filter = TagFilter.parse(node(1).json());
            TagFilter again = TagFilter.parse(filter.toJson());
            assertThat(again).isEqualTo(filter).hasSameHashCodeAs(filter);
            assertThat(again.toJson()).isEqualTo(filter.toJson());
        }
    }

    private Map<String, String> randomTags() {
        Map<String, String> tags = new HashMap<>();
        for (String key : KEYS) {
            if (random.nextInt(10) < 6) {
                tags.put(key, pick(VALUES));
            }
        }
        return tags;
    }

    private Model node(int depth) {
        if (depth >= 4 || random.nextInt(10) < 5) {
            return leaf();
        }
        String op = pick(new String[] {"and", "or", "not"});
        int count = op.equals("not") ? 1 : 1 + random.nextInt(3);
        List<Model> children = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            children.add(node(depth + 1));
        }
        return new Group(op, children);
    }

    private Model leaf() {
        String cmp = pick(CMPS);
        String key = pick(KEYS);
        if (cmp.equals("in") || cmp.equals("nin")) {
            List<String> vals = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                vals.add(pick(VALUES));
            }
            return new Leaf(key, cmp, null, vals, random.nextBoolean());
        }
        String val = pick(VALUES);
        while (val.isEmpty()) {
            val = pick(VALUES);
        }
        return new Leaf(key, cmp, cmp.equals("ex") || cmp.equals("nex") ? null : val, null,
                random.nextBoolean());
    }

    private <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    private sealed interface Model permits Leaf, Group {
        String json();

        boolean eval(Map<String, String> tags);
    }

    /** {@code numbersAsJson}: write numeric-looking values as JSON numbers where JSON allows. */
    private record Leaf(String key, String cmp, String val, List<String> vals, boolean numbersAsJson)
            implements Model {

        private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

        @Override
        public String json() {
            StringBuilder b = new StringBuilder("{\"key\":\"" + key + "\",\"cmp\":\"" + cmp + "\"");
            if (val != null) {
                b.append(",\"val\":").append(value(val));
            }
            if (vals != null) {
                b.append(",\"vals\":[");
                for (int i = 0; i < vals.size(); i++) {
                    b.append(i == 0 ? "" : ",").append(value(vals.get(i)));
                }
                b.append(']');
            }
            return b.append('}').toString();
        }

        private String value(String v) {
            return numbersAsJson && JSON_NUMBER.matcher(v).matches() ? v : "\"" + v + "\"";
        }

        @Override
        public boolean eval(Map<String, String> tags) {
            String v = tags.get(key);
            if (v == null) {
                return cmp.equals("neq") || cmp.equals("nin") || cmp.equals("nex");
            }
            return switch (cmp) {
                case "eq" -> v.equals(val);
                case "neq" -> !v.equals(val);
                case "in" -> vals.contains(v);
                case "nin" -> !vals.contains(v);
                case "ex" -> true;
                case "nex" -> false;
                case "sw" -> v.startsWith(val);
                case "ew" -> v.endsWith(val);
                case "ct" -> v.contains(val);
                case "gt" -> number(v) > number(val);
                case "gte" -> number(v) >= number(val);
                case "lt" -> number(v) < number(val);
                case "lte" -> number(v) <= number(val);
                default -> throw new AssertionError(cmp);
            };
        }

        private static final Pattern RUST_FLOAT =
                Pattern.compile("[+-]?((\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|(?i:inf|infinity|nan))");

        private static double number(String s) {
            if (!RUST_FLOAT.matcher(s).matches()) {
                return Double.NaN;
            }
            String unsigned = s.replaceFirst("^[+-]", "").toLowerCase(Locale.ROOT);
            if (unsigned.startsWith("inf")) {
                return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            return unsigned.equals("nan") ? Double.NaN : Double.parseDouble(s);
        }
    }

    private record Group(String op, List<Model> nodes) implements Model {
        @Override
        public String json() {
            StringBuilder b = new StringBuilder("{\"op\":\"" + op + "\",\"nodes\":[");
            for (int i = 0; i < nodes.size(); i++) {
                b.append(i == 0 ? "" : ",").append(nodes.get(i).json());
            }
            return b.append("]}").toString();
        }

        @Override
        public boolean eval(Map<String, String> tags) {
            return switch (op) {
                case "and" -> nodes.stream().allMatch(n -> n.eval(tags));
                case "or" -> nodes.stream().anyMatch(n -> n.eval(tags));
                case "not" -> !nodes.get(0).eval(tags);
                default -> throw new AssertionError(op);
            };
        }
    }
}
