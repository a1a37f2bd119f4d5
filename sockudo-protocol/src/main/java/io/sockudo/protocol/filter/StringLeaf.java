package io.sockudo.protocol.filter;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * {@code eq neq sw ew ct}: the tag value against one string. Comparisons are case-sensitive and
 * exact; on well-formed strings Java's char-wise tests agree with byte-wise tests on UTF-8.
 */
final class StringLeaf extends Leaf {

    private final String val;

    StringLeaf(String key, Cmp cmp, String val) {
        super(key, cmp);
        this.val = val;
    }

    @Override
    boolean matchesPresent(Tags tags, int i) {
        String v = tags.value(i);
        return switch (cmp) {
            case EQ -> v.equals(val);
            case NEQ -> !v.equals(val);
            case SW -> v.startsWith(val);
            case EW -> v.endsWith(val);
            case CT -> v.contains(val);
            default -> throw new AssertionError(cmp);
        };
    }

    @Override
    public IndexKeys indexKeys() {
        // Only eq pins the value; neq/sw/ew/ct match values nobody can list in advance.
        if (cmp != Cmp.EQ) {
            return IndexKeys.NOT_INDEXABLE;
        }
        return IndexKeys.of(List.of(new IndexKey(key, val)));
    }

    @Override
    void writeOperand(JsonGenerator g) throws IOException {
        g.writeStringField("val", val);
    }

    @Override
    Object operand() {
        return val;
    }
}
