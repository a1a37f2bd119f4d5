package io.sockudo.protocol.filter;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * A comparison of one tag. Subclasses differ in their operand (one string, a set, a number or
 * none); what happens when the message lacks the tag is the same rule for all of them.
 */
abstract sealed class Leaf implements FilterNode
        permits StringLeaf, SetLeaf, PresenceLeaf, NumberLeaf {

    final String key;
    final Cmp cmp;
    /**
     * The negative comparisons hold for a message without the tag: a message that has no
     * "region" is indeed not in region "eu". The positive ones cannot.
     */
    private final boolean matchesWhenMissing;

    Leaf(String key, Cmp cmp) {
        this.key = key;
        this.cmp = cmp;
        this.matchesWhenMissing = cmp == Cmp.NEQ || cmp == Cmp.NIN || cmp == Cmp.NEX;
    }

    /**
     * A validated leaf: {@code val} is present and non-empty unless {@code cmp} takes no value
     * or a value list, and {@code vals} is non-empty when {@code cmp} takes a list.
     */
    static Leaf of(String key, Cmp cmp, String val, List<String> vals) {
        return switch (cmp) {
            case EQ, NEQ, SW, EW, CT -> new StringLeaf(key, cmp, val);
            case IN, NIN -> new SetLeaf(key, cmp, ValueSet.of(vals));
            case EX, NEX -> new PresenceLeaf(key, cmp);
            case GT, GTE, LT, LTE -> new NumberLeaf(key, cmp, val);
        };
    }

    @Override
    public final boolean matches(Tags tags) {
        int i = tags.indexOf(key);
        return i < 0 ? matchesWhenMissing : matchesPresent(tags, i);
    }

    /** The comparison against the message's value, which is at {@code tags.value(i)}. */
    abstract boolean matchesPresent(Tags tags, int i);

    @Override
    public IndexKeys indexKeys() {
        return IndexKeys.NOT_INDEXABLE;
    }

    @Override
    public final void writeJson(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", key);
        g.writeStringField("cmp", cmp.wire);
        writeOperand(g);
        g.writeEndObject();
    }

    abstract void writeOperand(JsonGenerator g) throws IOException;

    /** The operand, for equality; null for leaves without one. */
    abstract Object operand();

    @Override
    public final boolean equals(Object o) {
        return o instanceof Leaf other
                && other.getClass() == getClass()
                && key.equals(other.key)
                && cmp == other.cmp
                && Objects.equals(operand(), other.operand());
    }

    @Override
    public final int hashCode() {
        return Objects.hash(key, cmp, operand());
    }

    @Override
    public final String toString() {
        Object operand = operand();
        return key + " " + cmp.wire + (operand == null ? "" : " " + operand);
    }
}
