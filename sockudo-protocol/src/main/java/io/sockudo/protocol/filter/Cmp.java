package io.sockudo.protocol.filter;

/** The comparison of a leaf node, by its wire name. */
enum Cmp {
    EQ("eq"), NEQ("neq"),
    IN("in"), NIN("nin"),
    EX("ex"), NEX("nex"),
    SW("sw"), EW("ew"), CT("ct"),
    GT("gt"), GTE("gte"), LT("lt"), LTE("lte");

    final String wire;

    Cmp(String wire) {
        this.wire = wire;
    }

    /** The comparison called {@code wire}, or null: the caller knows where it was and says so. */
    static Cmp fromWire(String wire) {
        for (Cmp c : values()) {
            if (c.wire.equals(wire)) {
                return c;
            }
        }
        return null;
    }

    boolean takesValueList() {
        return this == IN || this == NIN;
    }

    boolean takesNoValue() {
        return this == EX || this == NEX;
    }
}
