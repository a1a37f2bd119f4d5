package io.sockudo.protocol.filter;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** A logical node over child nodes; children run in the order the client wrote them. */
abstract sealed class Group implements FilterNode permits AllOf, AnyOf, Not {

    private final String op;
    final FilterNode[] nodes;

    Group(String op, List<FilterNode> nodes) {
        this.op = op;
        this.nodes = nodes.toArray(new FilterNode[0]);
    }

    @Override
    public final void writeJson(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("op", op);
        g.writeArrayFieldStart("nodes");
        for (FilterNode node : nodes) {
            node.writeJson(g);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof Group other
                && other.getClass() == getClass()
                && Arrays.equals(nodes, other.nodes);
    }

    @Override
    public final int hashCode() {
        return 31 * op.hashCode() + Arrays.hashCode(nodes);
    }

    @Override
    public final String toString() {
        return op + Arrays.toString(nodes);
    }
}
