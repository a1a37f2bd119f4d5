package io.sockudo.bench.load;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator talks to this machine only. A load generator pointed at someone else's server
 * is an attack, so every address it connects to or binds is checked here, before the first
 * socket opens.
 */
final class Loopback {

    /** 127.0.0.2 .. 127.0.0.254: the first is left to servers, the last is broadcast-like. */
    static final int MAX_SOURCES = 253;

    private Loopback() {
    }

    /**
     * Resolves a target host and refuses anything outside 127.0.0.0/8 (or ::1).
     *
     * @throws IllegalArgumentException for a non-loopback or unresolvable host
     */
    static InetAddress target(String host) {
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve " + host);
        }
        for (InetAddress a : all) {
            if (!a.isLoopbackAddress()) {
                throw new IllegalArgumentException("refusing " + host + " (" + a.getHostAddress()
                        + "): this tool only talks to loopback addresses (127.0.0.0/8)");
            }
        }
        return all[0];
    }

    /**
     * The source addresses connections are bound to, round robin: 127.0.0.2, 127.0.0.3, ...
     * Each gives its own range of ephemeral ports (about 28K here), so N of them carry N times as
     * many connections to one server port. An empty list lets the kernel choose (127.0.0.1).
     */
    static List<InetAddress> sources(int count) {
        return sources(count, 0);
    }

    /**
     * As {@link #sources(int)}, starting {@code offset} addresses further (127.0.0.{2+offset}..),
     * so that generator processes started side by side each draw on ports of their own addresses.
     */
    static List<InetAddress> sources(int count, int offset) {
        if (count < 0 || offset < 0 || count + offset > MAX_SOURCES) {
            throw new IllegalArgumentException("sources + source offset must be 0.." + MAX_SOURCES + ", got "
                    + count + " + " + offset);
        }
        List<InetAddress> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            try {
                out.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + offset + i)}));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("a literal address cannot be unknown", e);
            }
        }
        return out;
    }
}
