package io.sockudo.protocol.filter;

import java.util.List;

/** {@code op:"not"}: its one child does not match. */
final class Not extends Group {

    Not(FilterNode node) {
        super("not", List.of(node));
    }

    @Override
    public boolean matches(Tags tags) {
        return !nodes[0].matches(tags);
    }

    /** A negation matches messages by what they lack, which no pair can name. */
    @Override
    public IndexKeys indexKeys() {
        return IndexKeys.NOT_INDEXABLE;
    }
}
