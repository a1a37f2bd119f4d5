package io.sockudo.protocol;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A connection's socket id, {@code "<digits>.<digits>"} as Pusher issues them (the server SDKs
 * refuse any other shape). Two random parts below 10^10 make ids unique across a cluster without
 * coordination, and comparing two longs is how broadcasts skip an excluded socket cheaply.
 */
public record SocketId(long high, long low) {

    private static final long BOUND = 10_000_000_000L;

    public SocketId {
        if (high < 0 || low < 0) {
            throw new IllegalArgumentException("socket id parts are non-negative");
        }
    }

    public static SocketId random() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new SocketId(r.nextLong(BOUND), r.nextLong(BOUND));
    }

    /** Parses {@code "123.456"}; returns {@code null} for anything else, as exclusion ignores bad ids. */
    public static SocketId parse(String s) {
        if (s == null) {
            return null;
        }
        int dot = s.indexOf('.');
        if (dot <= 0 || dot == s.length() - 1 || dot > 19 || s.length() - dot - 1 > 19) {
            return null;
        }
        long high = digits(s, 0, dot);
        long low = digits(s, dot + 1, s.length());
        return high < 0 || low < 0 ? null : new SocketId(high, low);
    }

    public static boolean isValid(String s) {
        return parse(s) != null;
    }

    private static long digits(String s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
            if (v < 0) {
                return -1;
            }
        }
        return v;
    }

    public boolean is(long high, long low) {
        return this.high == high && this.low == low;
    }

    @Override
    public String toString() {
        return high + "." + low;
    }
}
