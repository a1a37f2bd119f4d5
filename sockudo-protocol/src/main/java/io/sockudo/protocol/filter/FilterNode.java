package io.sockudo.protocol.filter;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** One compiled node of a tag filter tree: a comparison leaf or an and/or/not group. */
sealed interface FilterNode permits Leaf, Group {

    /** Runs per message per candidate subscriber: must not allocate. */
    boolean matches(Tags tags);

    /** See {@link IndexKeys} for the guarantee every implementation keeps. */
    IndexKeys indexKeys();

    /** The normalized wire form, which parses back to an equal node. */
    void writeJson(JsonGenerator g) throws IOException;
}
