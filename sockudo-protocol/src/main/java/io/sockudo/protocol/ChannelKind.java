package io.sockudo.protocol;

/**
 * What a channel name says about the channel: who may join it, whether it keeps its last event,
 * and whether clients may publish on it. Determined by anchored name prefixes, most specific first,
 * so {@code private-encrypted-foo} is encrypted (no client events) and {@code my-cache-x} is an
 * ordinary public channel.
 */
public enum ChannelKind {
    PUBLIC("", false, "public"),
    CACHE("cache-", true, "cache"),
    PRIVATE("private-", false, "private"),
    PRIVATE_CACHE("private-cache-", true, "cache"),
    PRIVATE_ENCRYPTED("private-encrypted-", false, "private_encrypted"),
    PRIVATE_ENCRYPTED_CACHE("private-encrypted-cache-", true, "cache"),
    PRESENCE("presence-", false, "presence"),
    PRESENCE_CACHE("presence-cache-", true, "cache"),
    /** {@code #server-to-user-<id>}: reaches the connections signed in as that user. */
    SERVER_TO_USER(ChannelKind.SERVER_TO_USER_PREFIX, false, "server_to_user");

    public static final String SERVER_TO_USER_PREFIX = "#server-to-user-";

    private final String prefix;
    private final boolean cache;
    private final String metricLabel;

    ChannelKind(String prefix, boolean cache, String metricLabel) {
        this.prefix = prefix;
        this.cache = cache;
        this.metricLabel = metricLabel;
    }

    /** Classifies a channel name; it does not validate it (see {@link ChannelNames#validate}). */
    public static ChannelKind of(String name) {
        if (name.startsWith("private-")) {
            if (name.startsWith("private-encrypted-")) {
                return name.startsWith("private-encrypted-cache-") ? PRIVATE_ENCRYPTED_CACHE : PRIVATE_ENCRYPTED;
            }
            return name.startsWith("private-cache-") ? PRIVATE_CACHE : PRIVATE;
        }
        if (name.startsWith("presence-")) {
            return name.startsWith("presence-cache-") ? PRESENCE_CACHE : PRESENCE;
        }
        if (name.startsWith("cache-")) {
            return CACHE;
        }
        if (name.startsWith(SERVER_TO_USER_PREFIX)) {
            return SERVER_TO_USER;
        }
        return PUBLIC;
    }

    public String prefix() {
        return prefix;
    }

    /** Subscribing needs a signature from the app's auth endpoint. */
    public boolean requiresAuth() {
        return this != PUBLIC && this != CACHE && this != SERVER_TO_USER;
    }

    public boolean isPresence() {
        return this == PRESENCE || this == PRESENCE_CACHE;
    }

    public boolean isEncrypted() {
        return this == PRIVATE_ENCRYPTED || this == PRIVATE_ENCRYPTED_CACHE;
    }

    /** The channel keeps its last event and replays it to new subscribers. */
    public boolean isCache() {
        return cache;
    }

    /**
     * Clients may send {@code client-*} events only on private and presence channels; never on
     * public ones (Pusher's rule) nor on encrypted ones, whose payloads the server cannot vouch for.
     */
    public boolean allowsClientEvents() {
        return this == PRIVATE || this == PRIVATE_CACHE || this == PRESENCE || this == PRESENCE_CACHE;
    }

    /** The {@code channel_type} label used in metrics. */
    public String metricLabel() {
        return metricLabel;
    }
}
