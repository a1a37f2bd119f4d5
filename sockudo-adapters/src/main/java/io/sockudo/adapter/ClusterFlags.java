package io.sockudo.adapter;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Whether something holds anywhere in the cluster, per key, and when that changes: a channel is
 * occupied on some node, a user has a connection on some node. It holds when it holds on this
 * node (told here by the engine, in the order it happens) or on another (the other nodes'
 * announced counts, read when asked). Each change of either part is followed by an evaluation
 * under the key's lock, and the flag stores this node's part itself, so the last evaluation
 * always sees the final state of both parts, whichever thread runs it: a change is reported
 * once, never twice, and none is missed, though a blip shorter than an announcement may be.
 */
final class ClusterFlags {

    /** Told of a change inside the key's lock, so changes of one key are reported in order; must only record or post work. */
    @FunctionalInterface
    interface OnChange {
        void changed(boolean began);
    }

    /** This node's part, and whether the flag was up at the last evaluation. */
    private record Flag(boolean here, boolean up) {
    }

    private final ConcurrentHashMap<String, Flag> flags = new ConcurrentHashMap<>();

    /** This node's part became {@code held}; {@code elsewhere} says whether other nodes hold it now. */
    void here(String key, boolean held, BooleanSupplier elsewhere, OnChange onChange) {
        evaluate(key, held, true, elsewhere, onChange);
    }

    /** Other nodes' part may have changed. */
    void elsewhere(String key, BooleanSupplier elsewhere, OnChange onChange) {
        evaluate(key, false, false, elsewhere, onChange);
    }

    /** Whether the flag was up at its last evaluation. */
    boolean isUp(String key) {
        Flag f = flags.get(key);
        return f != null && f.up();
    }

    private void evaluate(String key, boolean held, boolean setHere, BooleanSupplier elsewhere, OnChange onChange) {
        flags.compute(key, (k, f) -> {
            boolean here = setHere ? held : f != null && f.here();
            boolean was = f != null && f.up();
            boolean up = here || elsewhere.getAsBoolean();
            if (up != was) {
                onChange.changed(up);
            }
            return here || up ? new Flag(here, up) : null;
        });
    }
}
