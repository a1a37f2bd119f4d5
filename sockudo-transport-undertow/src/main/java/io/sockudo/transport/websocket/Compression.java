package io.sockudo.transport.websocket;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether and how the server compresses messages with permessage-deflate (RFC 7692), as
 * sockudo's {@code websocket.compression} names it.
 *
 * <ul>
 * <li>{@code disabled} (the default): the extension is never agreed.</li>
 * <li>{@code shared}: no context takeover on the server side. Each message is compressed on
 *     its own, so one broadcast is compressed once and the same bytes go to every recipient.</li>
 * <li>{@code dedicated}, {@code window256b} … {@code window32kb}: context takeover, so messages
 *     refer back to earlier ones of the same socket (a better ratio on repetitive streams), at
 *     the price of a compression per recipient. The window is what each socket keeps of its
 *     past messages: 32 KiB for {@code dedicated}, the named size otherwise.</li>
 * </ul>
 *
 * @param mode        which of the three
 * @param windowBytes the per-socket history for {@link Mode#DEDICATED}, a power of two from 256 to 32768; 0 otherwise
 */
public record Compression(Mode mode, int windowBytes) {

    public enum Mode { DISABLED, SHARED, DEDICATED }

    public static final Compression DISABLED = new Compression(Mode.DISABLED, 0);
    public static final Compression SHARED = new Compression(Mode.SHARED, 0);
    public static final int MAX_WINDOW = 32 * 1024;
    public static final int MIN_WINDOW = 256;

    public Compression {
        if (mode == Mode.DEDICATED && (windowBytes < MIN_WINDOW || windowBytes > MAX_WINDOW || Integer.bitCount(windowBytes) != 1)) {
            throw new IllegalArgumentException("window must be a power of two from 256 to 32768 bytes: " + windowBytes);
        }
    }

    /** Context takeover with a window of this many bytes per socket. */
    public static Compression dedicated(int windowBytes) {
        return new Compression(Mode.DEDICATED, windowBytes);
    }

    /** Reads sockudo's value ({@code disabled}, {@code shared}, {@code dedicated}, {@code window256b} … {@code window32kb}). */
    public static Optional<Compression> fromSockudo(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "disabled":
                return Optional.of(DISABLED);
            case "shared":
                return Optional.of(SHARED);
            case "dedicated":
                return Optional.of(dedicated(MAX_WINDOW));
            default:
                break;
        }
        for (int w = MIN_WINDOW; w <= MAX_WINDOW; w *= 2) {
            String name = w < 1024 ? "window" + w + "b" : "window" + w / 1024 + "kb";
            if (v.equals(name)) {
                return Optional.of(dedicated(w));
            }
        }
        return Optional.empty();
    }

    public boolean enabled() {
        return mode != Mode.DISABLED;
    }
}
