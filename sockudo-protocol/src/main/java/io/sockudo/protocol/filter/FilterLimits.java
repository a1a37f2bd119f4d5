package io.sockudo.protocol.filter;

/**
 * Bounds on what a subscriber may send. A filter is untrusted input that costs the server work
 * on every message, so its size is capped where it is parsed. The numbers are sockudo's.
 */
final class FilterLimits {

    static final int MAX_NODES = 128;
    /** The root node is at depth 1. */
    static final int MAX_DEPTH = 16;
    static final int MAX_KEY_BYTES = 256;
    static final int MAX_VALUE_BYTES = 1024;
    static final int MAX_VALUES_PER_NODE = 128;
    static final int MAX_EVENTS = 50;
    /** Counted in characters (code points), the unit Pusher states event name limits in. */
    static final int MAX_EVENT_CHARS = 200;

    private FilterLimits() {
    }
}
