package io.sockudo.store.ratelimit;

/**
 * Who a request comes from, for counting it: the peer address, unless the operator says there are
 * proxies in front ({@code trust_hops > 0}).
 *
 * <p>Each proxy appends the address it received the request from to {@code X-Forwarded-For}, so
 * with {@code n} trusted proxies the client is the entry {@code n} from the end; entries further
 * left were written by the client and prove nothing. Without trusted proxies no forwarding header
 * is believed, {@code X-Real-IP} included: a client could otherwise pick a fresh address for every
 * request, or spend another client's allowance by naming its address.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * @param forwardedFor {@code X-Forwarded-For}, several header lines joined with commas in order; or null
     * @param realIp       {@code X-Real-IP}, or null
     * @param peerAddress  the address of the connection's other end
     * @param trustHops    proxies in front of this server
     */
    public static String of(String forwardedFor, String realIp, String peerAddress, int trustHops) {
        if (trustHops <= 0) {
            return peerAddress;
        }
        String forwarded = forwardedEntry(forwardedFor, trustHops);
        if (forwarded != null) {
            return forwarded;
        }
        if (realIp != null && !realIp.isBlank()) {
            return realIp.trim();
        }
        return peerAddress;
    }

    /** The entry {@code trustHops} from the end, or null when the header has fewer entries or it is blank. */
    private static String forwardedEntry(String header, int trustHops) {
        if (header == null) {
            return null;
        }
        int end = header.length();
        for (int hop = 1; hop <= trustHops; hop++) {
            int comma = header.lastIndexOf(',', end - 1);
            if (hop == trustHops) {
                String entry = header.substring(comma + 1, end).trim();
                return entry.isEmpty() ? null : entry;
            }
            if (comma < 0) {
                return null;
            }
            end = comma;
        }
        return null;
    }
}
