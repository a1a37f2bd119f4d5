package io.sockudo.transport.websocket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 7692 §5 and §7.1: reads the client's {@code Sec-WebSocket-Extensions} offers and accepts
 * the first permessage-deflate offer it can honour, answering only parameters the client
 * offered. An offer with an unknown, repeated or ill-valued parameter is declined (§5.1), and
 * the next one is tried; with none acceptable the connection goes on uncompressed.
 *
 * <p>What each offered parameter means for this server:
 * <ul>
 * <li>{@code server_no_context_takeover}: accepted, and honoured by compressing every message on
 *     its own (what the shared mode does anyway).</li>
 * <li>{@code server_max_window_bits=N}: accepted with the same N. The compressor's window is
 *     fixed at 32 KiB, so a message is compressed only when no back-reference can reach further
 *     than 2^N bytes (otherwise it goes uncompressed, which RFC 7692 allows per message).</li>
 * <li>{@code client_no_context_takeover}: accepted; the socket then keeps nothing of the
 *     client's past messages (with context takeover it keeps their last 32 KiB on the heap; the
 *     native inflater is freed after every message either way).</li>
 * <li>{@code client_max_window_bits[=N]}: nothing to answer; the inflater takes any window.</li>
 * </ul>
 */
final class DeflateNegotiation {

    static final String EXTENSION = "permessage-deflate";
    private static final String SERVER_NO_CONTEXT = "server_no_context_takeover";
    private static final String CLIENT_NO_CONTEXT = "client_no_context_takeover";
    private static final String SERVER_BITS = "server_max_window_bits";
    private static final String CLIENT_BITS = "client_max_window_bits";

    /**
     * What was agreed for one socket.
     *
     * @param serverContextTakeover whether the server compresses with its past messages as context
     * @param clientNoContextTakeover whether the client compresses each message on its own
     * @param decoderWindowBits     the client's inflater window (2^N bytes): 15 unless it offered less
     * @param windowBytes           with context takeover, how much history the server keeps per socket
     * @param response              the {@code Sec-WebSocket-Extensions} answer
     */
    record Agreement(boolean serverContextTakeover, boolean clientNoContextTakeover, int decoderWindowBits,
                     int windowBytes, String response) {
    }

    private DeflateNegotiation() {
    }

    /** The agreement for these header lines, or empty when compression is off or no offer is acceptable. */
    static Optional<Agreement> negotiate(Iterable<String> headerLines, Compression compression) {
        if (headerLines == null || !compression.enabled()) {
            return Optional.empty();
        }
        for (String offer : offers(headerLines)) {
            Optional<Agreement> a = accept(offer, compression);
            if (a.isPresent()) {
                return a;
            }
        }
        return Optional.empty();
    }

    private static Optional<Agreement> accept(String offer, Compression compression) {
        List<String> parts = split(offer, ';');
        if (!parts.get(0).trim().equalsIgnoreCase(EXTENSION)) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (String p : parts.subList(1, parts.size())) {
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : unquote(p.substring(eq + 1).trim());
            if (params.containsKey(name) || !valid(name, value)) {
                return Optional.empty();
            }
            params.put(name, value);
        }
        boolean serverNoContext = params.containsKey(SERVER_NO_CONTEXT);
        boolean clientNoContext = params.containsKey(CLIENT_NO_CONTEXT);
        String bits = params.get(SERVER_BITS);
        StringBuilder response = new StringBuilder(EXTENSION);
        if (serverNoContext) {
            response.append("; ").append(SERVER_NO_CONTEXT);
        }
        if (clientNoContext) {
            response.append("; ").append(CLIENT_NO_CONTEXT);
        }
        if (bits != null) {
            response.append("; ").append(SERVER_BITS).append('=').append(bits);
        }
        boolean takeover = compression.mode() == Compression.Mode.DEDICATED && !serverNoContext;
        return Optional.of(new Agreement(takeover, clientNoContext, bits == null ? 15 : Integer.parseInt(bits),
                takeover ? compression.windowBytes() : 0, response.toString()));
    }

    private static boolean valid(String name, String value) {
        return switch (name) {
            case SERVER_NO_CONTEXT, CLIENT_NO_CONTEXT -> value == null;
            case SERVER_BITS -> value != null && isWindowBits(value);
            case CLIENT_BITS -> value == null || isWindowBits(value);
            default -> false;
        };
    }

    /** RFC 7692 §7.1.2: a decimal integer from 8 to 15, no leading zeros. */
    private static boolean isWindowBits(String v) {
        return v.length() == 1 ? v.charAt(0) >= '8' && v.charAt(0) <= '9'
                : v.length() == 2 && v.charAt(0) == '1' && v.charAt(1) >= '0' && v.charAt(1) <= '5';
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"' ? v.substring(1, v.length() - 1) : v;
    }

    /** Every offer over every header line, in order (offers are comma-separated). */
    private static List<String> offers(Iterable<String> lines) {
        List<String> all = new ArrayList<>();
        for (String line : lines) {
            for (String o : split(line, ',')) {
                if (!o.isBlank()) {
                    all.add(o);
                }
            }
        }
        return all;
    }

    /** Splits on a separator outside double quotes. */
    private static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == sep && !quoted) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }
}
