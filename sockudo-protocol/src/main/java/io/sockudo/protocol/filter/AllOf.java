package io.sockudo.protocol.filter;

import java.util.List;

/** {@code op:"and"}: every child matches. */
final class AllOf extends Group {

    AllOf(List<FilterNode> nodes) {
        super("and", nodes);
    }

    @Override
    public boolean matches(Tags tags) {
        for (FilterNode node : nodes) {
            if (!node.matches(tags)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A match needs every child to match, so any one indexable child's pairs keep the
     * guarantee; the smallest set files the subscription under the fewest pairs.
     */
    @Override
    public IndexKeys indexKeys() {
        IndexKeys best = IndexKeys.NOT_INDEXABLE;
        for (FilterNode node : nodes) {
            IndexKeys keys = node.indexKeys();
            if (keys.isIndexable() && (!best.isIndexable() || keys.size() < best.size())) {
                best = keys;
            }
        }
        return best;
    }
}
