package io.sockudo.protocol.filter;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code in nin}: the tag value against a set of strings. */
final class SetLeaf extends Leaf {

    private final ValueSet vals;

    SetLeaf(String key, Cmp cmp, ValueSet vals) {
        super(key, cmp);
        this.vals = vals;
    }

    @Override
    boolean matchesPresent(Tags tags, int i) {
        return vals.contains(tags.value(i)) == (cmp == Cmp.IN);
    }

    @Override
    public IndexKeys indexKeys() {
        if (cmp != Cmp.IN || vals.size() > IndexKeys.MAX_PAIRS) {
            return IndexKeys.NOT_INDEXABLE;
        }
        List<IndexKey> pairs = new ArrayList<>(vals.size());
        for (int i = 0; i < vals.size(); i++) {
            pairs.add(new IndexKey(key, vals.get(i)));
        }
        return IndexKeys.of(pairs);
    }

    @Override
    void writeOperand(JsonGenerator g) throws IOException {
        g.writeFieldName("vals");
        vals.writeJson(g);
    }

    @Override
    Object operand() {
        return vals;
    }
}
