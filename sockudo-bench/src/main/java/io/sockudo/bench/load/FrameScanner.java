package io.sockudo.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * Reads what the generator needs from a server text frame without parsing its JSON: the event
 * kind from the fixed prefix every Pusher frame starts with ({@code {"event":"}), and a handful
 * of numbers found by searching for their key. A client that parsed every frame fully would
 * measure its own JSON parser, not the server.
 *
 * <p>Published events carry their send time as the first field of {@code data}, {@code
 * {"ts":<epoch micros>,...}}, which in the frame appears escaped: {@code {\"ts\":...}}.
 */
final class FrameScanner {

    enum Kind {
        ESTABLISHED, SUBSCRIBED, SUBSCRIPTION_ERROR, ERROR, PING, MEMBER_ADDED, MEMBER_REMOVED,
        DELTA, DELTA_ENABLED, OTHER_PROTOCOL, APP_EVENT
    }

    private static final byte[] EVENT_PREFIX = ascii("{\"event\":\"");
    private static final byte[] PUSHER = ascii("pusher:");
    private static final byte[] PUSHER_INTERNAL = ascii("pusher_internal:");
    private static final byte[] CONNECTION_ESTABLISHED = ascii("connection_established\"");
    private static final byte[] SUBSCRIPTION_SUCCEEDED = ascii("subscription_succeeded\"");
    private static final byte[] MEMBER_ADDED = ascii("member_added\"");
    private static final byte[] MEMBER_REMOVED = ascii("member_removed\"");
    private static final byte[] PING = ascii("ping\"");
    private static final byte[] ERROR = ascii("error\"");
    private static final byte[] SUBSCRIPTION_ERROR = ascii("subscription_error\"");
    private static final byte[] DELTA = ascii("delta\"");
    private static final byte[] DELTA_ENABLED = ascii("delta_compression_enabled\"");

    private static final byte[] TS_ESCAPED = ascii("{\\\"ts\\\":");
    private static final byte[] TS_PLAIN = ascii("{\"ts\":");
    private static final byte[] SOCKET_ID = ascii("socket_id\\\":\\\"");
    private static final byte[] CODE = ascii("\"code\":");
    private static final byte[] USER_ID = ascii("user_id\\\":\\\"u");
    private static final byte[] COUNT = ascii("\\\"count\\\":");

    private FrameScanner() {
    }

    static Kind kind(byte[] b, int off, int len) {
        if (!startsWith(b, off, len, EVENT_PREFIX)) {
            return Kind.APP_EVENT;
        }
        int p = off + EVENT_PREFIX.length;
        int rest = len - EVENT_PREFIX.length;
        if (startsWith(b, p, rest, PUSHER_INTERNAL)) {
            int q = p + PUSHER_INTERNAL.length;
            int r = rest - PUSHER_INTERNAL.length;
            if (startsWith(b, q, r, MEMBER_ADDED)) {
                return Kind.MEMBER_ADDED;
            }
            if (startsWith(b, q, r, MEMBER_REMOVED)) {
                return Kind.MEMBER_REMOVED;
            }
            if (startsWith(b, q, r, SUBSCRIPTION_SUCCEEDED)) {
                return Kind.SUBSCRIBED;
            }
            return Kind.OTHER_PROTOCOL;
        }
        if (startsWith(b, p, rest, PUSHER)) {
            int q = p + PUSHER.length;
            int r = rest - PUSHER.length;
            if (startsWith(b, q, r, DELTA)) {
                return Kind.DELTA;
            }
            if (startsWith(b, q, r, PING)) {
                return Kind.PING;
            }
            if (startsWith(b, q, r, CONNECTION_ESTABLISHED)) {
                return Kind.ESTABLISHED;
            }
            if (startsWith(b, q, r, ERROR)) {
                return Kind.ERROR;
            }
            if (startsWith(b, q, r, SUBSCRIPTION_ERROR)) {
                return Kind.SUBSCRIPTION_ERROR;
            }
            if (startsWith(b, q, r, DELTA_ENABLED)) {
                return Kind.DELTA_ENABLED;
            }
            return Kind.OTHER_PROTOCOL;
        }
        return Kind.APP_EVENT;
    }

    /** The send time of a published event in epoch microseconds, or -1 when it has none. */
    static long timestampMicros(byte[] b, int off, int len) {
        int at = indexOf(b, off, off + len, TS_ESCAPED);
        if (at >= 0) {
            return digits(b, at + TS_ESCAPED.length, off + len);
        }
        at = indexOf(b, off, off + len, TS_PLAIN);
        return at < 0 ? -1 : digits(b, at + TS_PLAIN.length, off + len);
    }

    /** The socket id of {@code pusher:connection_established}, or null. */
    static String socketId(byte[] b, int off, int len) {
        int at = indexOf(b, off, off + len, SOCKET_ID);
        if (at < 0) {
            return null;
        }
        int start = at + SOCKET_ID.length;
        int end = start;
        while (end < off + len && b[end] != '\\' && b[end] != '"') {
            end++;
        }
        return new String(b, start, end - start, StandardCharsets.US_ASCII);
    }

    /** The code of {@code pusher:error}, or -1. */
    static int errorCode(byte[] b, int off, int len) {
        int at = indexOf(b, off, off + len, CODE);
        return at < 0 ? -1 : (int) digits(b, at + CODE.length, off + len);
    }

    /** N of a member event about user {@code uN} (the generator's user ids), or -1. */
    static int userIndex(byte[] b, int off, int len) {
        int at = indexOf(b, off, off + len, USER_ID);
        return at < 0 ? -1 : (int) digits(b, at + USER_ID.length, off + len);
    }

    /** The member count of a presence {@code subscription_succeeded}, or -1. */
    static int presenceCount(byte[] b, int off, int len) {
        int at = indexOf(b, off, off + len, COUNT);
        return at < 0 ? -1 : (int) digits(b, at + COUNT.length, off + len);
    }

    private static long digits(byte[] b, int from, int to) {
        long v = 0;
        int i = from;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            v = v * 10 + (b[i] - '0');
            i++;
        }
        return i == from ? -1 : v;
    }

    static int indexOf(byte[] b, int from, int to, byte[] needle) {
        byte first = needle[0];
        int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (b[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int off, int len, byte[] prefix) {
        if (len < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
