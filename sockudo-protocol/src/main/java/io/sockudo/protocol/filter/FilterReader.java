package io.sockudo.protocol.filter;

import static io.sockudo.protocol.filter.FilterException.describe;
import static io.sockudo.protocol.filter.FilterException.quote;
import static io.sockudo.protocol.filter.FilterLimits.MAX_DEPTH;
import static io.sockudo.protocol.filter.FilterLimits.MAX_EVENTS;
import static io.sockudo.protocol.filter.FilterLimits.MAX_EVENT_CHARS;
import static io.sockudo.protocol.filter.FilterLimits.MAX_KEY_BYTES;
import static io.sockudo.protocol.filter.FilterLimits.MAX_NODES;
import static io.sockudo.protocol.filter.FilterLimits.MAX_VALUES_PER_NODE;
import static io.sockudo.protocol.filter.FilterLimits.MAX_VALUE_BYTES;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one filter value from a parser, validating as it goes, into a compiled
 * {@link TagFilter}.
 *
 * <p>The rule is to refuse rather than guess: a wrong JSON type, an unknown op or cmp, a missing
 * operand or a node that is both a group and a leaf is an error that names where it is, never a
 * node that is dropped or read as something else. Limits are enforced while reading, so a
 * hostile filter costs at most one pass over the input. JSON {@code null} for a field means the
 * field is absent. Fields the protocol does not define are skipped.
 */
final class FilterReader {

    private static final String ROOT = "filter";

    // One bit per known field, to refuse a field that appears twice.
    private static final int OP = 1;
    private static final int KEY = 1 << 1;
    private static final int CMP = 1 << 2;
    private static final int VAL = 1 << 3;
    private static final int VALS = 1 << 4;
    private static final int NODES = 1 << 5;
    private static final int TAGS = 1 << 6;
    private static final int EVENTS = 1 << 7;
    private static final int EXPRESSION = 1 << 8;
    private static final int NODE_FIELDS = OP | KEY | CMP | VAL | VALS | NODES;
    private static final int COMPOUND_FIELDS = TAGS | EVENTS | EXPRESSION;

    private final JsonParser p;
    private int nodeCount;

    private FilterReader(JsonParser p) {
        this.p = p;
    }

    /**
     * Reads the filter at the parser's current token, or at the next one if there is no current
     * token or it is a field name. Leaves the parser at the filter's {@code END_OBJECT}.
     */
    static TagFilter read(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == null || token == JsonToken.FIELD_NAME) {
            token = p.nextToken();
        }
        if (token != JsonToken.START_OBJECT) {
            throw FilterException.at(ROOT, "must be an object, not " + describe(token));
        }
        return new FilterReader(p).readRoot();
    }

    private TagFilter readRoot() throws IOException {
        Fields f = readFields(ROOT, 1, true);
        if (!f.saw(COMPOUND_FIELDS)) {
            return new TagFilter(null, compile(f, ROOT));
        }
        if (f.saw(NODE_FIELDS)) {
            throw FilterException.at(ROOT,
                    "cannot mix \"tags\"/\"events\" with the fields of a node"
                    + " (\"op\", \"key\", \"cmp\", \"val\", \"vals\", \"nodes\")");
        }
        if (f.tags == null && f.events == null) {
            throw FilterException.at(ROOT, "needs \"tags\" or \"events\"");
        }
        return new TagFilter(f.events == null ? null : ValueSet.of(f.events), f.tags);
    }

    private FilterNode readNode(String path, int depth) throws IOException {
        JsonToken token = p.currentToken();
        if (token != JsonToken.START_OBJECT) {
            throw FilterException.at(path, "a node must be an object, not " + describe(token));
        }
        if (depth > MAX_DEPTH) {
            throw FilterException.at(path, "nodes are nested more than " + MAX_DEPTH + " deep");
        }
        return compile(readFields(path, depth, false), path);
    }

    /** Reads the members of the object whose {@code START_OBJECT} is the current token. */
    private Fields readFields(String path, int depth, boolean root) throws IOException {
        Fields f = new Fields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            int field = fieldBit(name, root);
            if (field == 0) {
                p.skipChildren();
                continue;
            }
            if ((f.seen & field) != 0) {
                throw FilterException.at(path, quote(name) + " appears twice");
            }
            f.seen |= field;
            switch (field) {
                case OP -> f.op = string(value, path, "\"op\"");
                case KEY -> f.key = string(value, path, "\"key\"");
                case CMP -> f.cmp = string(value, path, "\"cmp\"");
                case VAL -> f.val = isNull(value) ? null : operand(value, path, "\"val\"");
                case VALS -> f.vals = readVals(value, path);
                case NODES -> f.nodes = readNodes(value, path, depth);
                case TAGS -> f.tags = isNull(value) ? null : readNode(ROOT + ".tags", 1);
                case EVENTS -> f.events = readEvents(value);
                case EXPRESSION -> {
                    if (!isNull(value)) {
                        throw FilterException.at(ROOT,
                                "filter expressions (\"expression\") are not supported");
                    }
                }
                default -> throw new AssertionError(name);
            }
        }
        return f;
    }

    private static boolean isNull(JsonToken value) {
        return value == JsonToken.VALUE_NULL;
    }

    private static int fieldBit(String name, boolean root) {
        return switch (name) {
            case "op" -> OP;
            case "key" -> KEY;
            case "cmp" -> CMP;
            case "val" -> VAL;
            case "vals" -> VALS;
            case "nodes" -> NODES;
            // Only the top level can be a compound filter; deeper down these are unknown fields.
            case "tags" -> root ? TAGS : 0;
            case "events" -> root ? EVENTS : 0;
            case "expression" -> root ? EXPRESSION : 0;
            default -> 0;
        };
    }

    private String string(JsonToken value, String path, String what) throws IOException {
        if (isNull(value)) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw FilterException.at(path, what + " must be a string, not " + describe(value));
        }
        return p.getText();
    }

    /**
     * A comparison operand: a string as is, a number as the decimal text the client wrote (so
     * {@code 100} and {@code "100"} are the same operand), a boolean as true/false.
     */
    private String operand(JsonToken value, String path, String what) throws IOException {
        String text = switch (value) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getText();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            default -> throw FilterException.at(path,
                    what + " must be a string, number or boolean, not " + describe(value));
        };
        if (Utf8.encodedLength(text) > MAX_VALUE_BYTES) {
            throw FilterException.at(path, what + " is longer than " + MAX_VALUE_BYTES + " bytes");
        }
        return text;
    }

    private List<String> readVals(JsonToken value, String path) throws IOException {
        if (isNull(value)) {
            return null;
        }
        if (value != JsonToken.START_ARRAY) {
            throw FilterException.at(path, "\"vals\" must be an array, not " + describe(value));
        }
        List<String> vals = new ArrayList<>();
        JsonToken item;
        while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
            if (vals.size() == MAX_VALUES_PER_NODE) {
                throw FilterException.at(path,
                        "\"vals\" has more than " + MAX_VALUES_PER_NODE + " values");
            }
            vals.add(operand(item, path, "vals[" + vals.size() + "]"));
        }
        return vals;
    }

    private List<FilterNode> readNodes(JsonToken value, String path, int depth) throws IOException {
        if (isNull(value)) {
            return null;
        }
        if (value != JsonToken.START_ARRAY) {
            throw FilterException.at(path, "\"nodes\" must be an array, not " + describe(value));
        }
        List<FilterNode> nodes = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            nodes.add(readNode(path + ".nodes[" + nodes.size() + "]", depth + 1));
        }
        return nodes;
    }

    private List<String> readEvents(JsonToken value) throws IOException {
        if (isNull(value)) {
            return null;
        }
        if (value != JsonToken.START_ARRAY) {
            throw FilterException.at(ROOT, "\"events\" must be an array, not " + describe(value));
        }
        List<String> events = new ArrayList<>();
        JsonToken item;
        while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
            String what = "events[" + events.size() + "]";
            if (events.size() == MAX_EVENTS) {
                throw FilterException.at(ROOT, "\"events\" has more than " + MAX_EVENTS + " names");
            }
            if (item != JsonToken.VALUE_STRING) {
                throw FilterException.at(ROOT, what + " must be a string, not " + describe(item));
            }
            String name = p.getText();
            if (name.isEmpty()) {
                throw FilterException.at(ROOT, what + " must not be empty");
            }
            if (name.codePointCount(0, name.length()) > MAX_EVENT_CHARS) {
                throw FilterException.at(ROOT,
                        what + " is longer than " + MAX_EVENT_CHARS + " characters");
            }
            events.add(name);
        }
        if (events.isEmpty()) {
            // An empty list would match no message at all, which is never what a client means.
            throw FilterException.at(ROOT, "\"events\" must not be empty");
        }
        return events;
    }

    private FilterNode compile(Fields f, String path) {
        if (++nodeCount > MAX_NODES) {
            throw FilterException.at(ROOT, "has more than " + MAX_NODES + " nodes");
        }
        return f.op != null ? group(f, path) : leaf(f, path);
    }

    private static FilterNode group(Fields f, String path) {
        if (!f.op.equals("and") && !f.op.equals("or") && !f.op.equals("not")) {
            throw FilterException.at(path, "unknown op " + quote(f.op));
        }
        boolean hasVals = f.vals != null && !f.vals.isEmpty();
        if (f.key != null || f.cmp != null || f.val != null || hasVals) {
            throw FilterException.at(path,
                    "a group (\"op\") cannot have \"key\", \"cmp\", \"val\" or \"vals\"");
        }
        List<FilterNode> nodes = f.nodes == null ? List.of() : f.nodes;
        if (f.op.equals("not")) {
            if (nodes.size() != 1) {
                throw FilterException.at(path,
                        "op \"not\" needs exactly one node, not " + nodes.size());
            }
            return new Not(nodes.get(0));
        }
        if (nodes.isEmpty()) {
            throw FilterException.at(path, "op " + quote(f.op) + " needs at least one node");
        }
        return f.op.equals("and") ? new AllOf(nodes) : new AnyOf(nodes);
    }

    private static FilterNode leaf(Fields f, String path) {
        if (f.nodes != null && !f.nodes.isEmpty()) {
            throw FilterException.at(path, "a leaf (no \"op\") cannot have \"nodes\"");
        }
        if (f.key == null) {
            throw FilterException.at(path, "missing \"key\"");
        }
        if (f.key.isEmpty()) {
            throw FilterException.at(path, "\"key\" must not be empty");
        }
        if (Utf8.encodedLength(f.key) > MAX_KEY_BYTES) {
            throw FilterException.at(path, "\"key\" is longer than " + MAX_KEY_BYTES + " bytes");
        }
        if (f.cmp == null) {
            throw FilterException.at(path, "missing \"cmp\"");
        }
        Cmp cmp = Cmp.fromWire(f.cmp);
        if (cmp == null) {
            throw FilterException.at(path, "unknown cmp " + quote(f.cmp));
        }
        if (cmp.takesValueList()) {
            if (f.vals == null) {
                throw FilterException.at(path, "cmp " + quote(cmp.wire) + " needs \"vals\"");
            }
            if (f.vals.isEmpty()) {
                throw FilterException.at(path, "\"vals\" must not be empty");
            }
        } else if (!cmp.takesNoValue()) {
            if (f.val == null) {
                throw FilterException.at(path, "cmp " + quote(cmp.wire) + " needs \"val\"");
            }
            if (f.val.isEmpty()) {
                throw FilterException.at(path, "\"val\" must not be empty");
            }
        }
        return Leaf.of(f.key, cmp, f.val, f.vals);
    }

    /** The known members of one JSON object, before it is known to be a group or a leaf. */
    private static final class Fields {
        int seen;
        String op;
        String key;
        String cmp;
        String val;
        List<String> vals;
        List<FilterNode> nodes;
        FilterNode tags;
        List<String> events;

        boolean saw(int fields) {
            return (seen & fields) != 0;
        }
    }
}
