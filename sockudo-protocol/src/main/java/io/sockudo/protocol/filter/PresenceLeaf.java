package io.sockudo.protocol.filter;

import com.fasterxml.jackson.core.JsonGenerator;

/** {@code ex nex}: whether the message has the tag at all. */
final class PresenceLeaf extends Leaf {

    PresenceLeaf(String key, Cmp cmp) {
        super(key, cmp);
    }

    @Override
    boolean matchesPresent(Tags tags, int i) {
        return cmp == Cmp.EX;
    }

    @Override
    void writeOperand(JsonGenerator g) {
        // ex and nex have no operand.
    }

    @Override
    Object operand() {
        return null;
    }
}
