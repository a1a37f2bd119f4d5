package io.sockudo.protocol.filter;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * {@code gt gte lt lte}: the tag value and the filter value both read as numbers (see
 * {@link NumericText}). If either is not a number, or either is NaN, the comparison is false.
 */
final class NumberLeaf extends Leaf {

    /** Kept as written, so the normalized JSON shows what the client sent. */
    private final String val;
    private final double bound;

    NumberLeaf(String key, Cmp cmp, String val) {
        super(key, cmp);
        this.val = val;
        this.bound = NumericText.toDouble(val);
    }

    @Override
    boolean matchesPresent(Tags tags, int i) {
        // Non-numbers are NaN on both sides, and every ordered comparison with NaN is false.
        double x = tags.number(i);
        return switch (cmp) {
            case GT -> x > bound;
            case GTE -> x >= bound;
            case LT -> x < bound;
            case LTE -> x <= bound;
            default -> throw new AssertionError(cmp);
        };
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
