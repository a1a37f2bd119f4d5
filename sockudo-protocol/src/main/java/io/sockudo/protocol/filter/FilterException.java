package io.sockudo.protocol.filter;

import com.fasterxml.jackson.core.JsonToken;

/**
 * A tag filter or a tags value was refused. The message is one line that names the problem and
 * where it is (for example {@code filter.nodes[1]: unknown cmp "eqq"}); it is written to be sent
 * back to the client or API caller as is.
 */
public final class FilterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Long enough to recognise a bad value, short enough to keep an error frame small. */
    private static final int MAX_QUOTED_CHARS = 40;

    public FilterException(String message) {
        // The message is the whole story; a stack trace would only cost time on a client error.
        super(message, null, false, false);
    }

    static FilterException at(String path, String problem) {
        return new FilterException(path + ": " + problem);
    }

    /**
     * Client text quoted for an error message: escaped so the message stays on one line and
     * truncated so a hostile value cannot blow up the reply.
     */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_QUOTED_CHARS) + 8).append('"');
        int end = Math.min(s.length(), MAX_QUOTED_CHARS);
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (end < s.length()) {
            b.append("...");
        }
        return b.append('"').toString();
    }

    /** What the client sent instead, in words: "a number", "an array", ... */
    static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }
}
