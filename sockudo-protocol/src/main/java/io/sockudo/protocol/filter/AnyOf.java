package io.sockudo.protocol.filter;

import java.util.ArrayList;
import java.util.List;

/** {@code op:"or"}: some child matches. */
final class AnyOf extends Group {

    AnyOf(List<FilterNode> nodes) {
        super("or", nodes);
    }

    @Override
    public boolean matches(Tags tags) {
        for (FilterNode node : nodes) {
            if (node.matches(tags)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A match can come from any child, so all of them must be indexable and the subscription is
     * filed under all of their pairs.
     */
    @Override
    public IndexKeys indexKeys() {
        List<IndexKeys> parts = new ArrayList<>(nodes.length);
        for (FilterNode node : nodes) {
            parts.add(node.indexKeys());
        }
        return IndexKeys.union(parts);
    }
}
