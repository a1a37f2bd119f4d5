package io.sockudo.adapter.cluster;

import java.util.HashMap;
import java.util.Map;

/** The {@code request_type} values of sockudo's node-to-node requests, spelled as on the wire. */
public enum RequestType {
    CHANNEL_MEMBERS("ChannelMembers"),
    CHANNEL_SOCKETS("ChannelSockets"),
    CHANNEL_SOCKETS_COUNT("ChannelSocketsCount"),
    SOCKET_EXISTS_IN_CHANNEL("SocketExistsInChannel"),
    TERMINATE_USER_CONNECTIONS("TerminateUserConnections"),
    CHANNELS_WITH_SOCKETS_COUNT("ChannelsWithSocketsCount"),
    FORCE_RECONNECT("ForceReconnect"),
    SOCKETS("Sockets"),
    CHANNELS("Channels"),
    SOCKETS_COUNT("SocketsCount"),
    CHANNEL_MEMBERS_COUNT("ChannelMembersCount"),
    COUNT_USER_CONNECTIONS_IN_CHANNEL("CountUserConnectionsInChannel"),
    BATCH_CHANNEL_SOCKETS_COUNT("BatchChannelSocketsCount"),
    // not sockudo's: a node back from a backbone outage re-synchronizes presence with its peers
    /** Tell me your presence members again (and I will tell you mine, then {@link #PRESENCE_RESYNC_DONE}). */
    PRESENCE_RESYNC("PresenceResync"),
    /** I have told you all my presence members again: forget those of mine you had and I did not repeat. */
    PRESENCE_RESYNC_DONE("PresenceResyncDone"),
    // not sockudo's: a node whose memory cache misses a cache channel's last event asks its peers
    /** Tell me a cache channel's last event and how long it has left, if you have it. */
    CACHED_EVENT("CachedEvent"),
    // fire-and-forget counts (see NodeCount): sockudo's name for channels, ours for the others
    CHANNEL_COUNT_UPDATE("ChannelCountUpdate"),
    SOCKETS_COUNT_UPDATE("SocketsCountUpdate"),
    USER_CONNECTIONS_UPDATE("UserConnectionsUpdate"),
    COUNTS_SYNC("CountsSync"),
    // fire-and-forget: carried in the request shape, never answered
    PRESENCE_MEMBER_JOINED("PresenceMemberJoined"),
    PRESENCE_MEMBER_LEFT("PresenceMemberLeft"),
    HEARTBEAT("Heartbeat"),
    NODE_DEAD("NodeDead");

    private static final Map<String, RequestType> BY_WIRE_NAME = new HashMap<>();

    static {
        for (RequestType t : values()) {
            BY_WIRE_NAME.put(t.wireName, t);
        }
    }

    private final String wireName;

    RequestType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The type named {@code wireName}, or null for a name this version does not know. */
    public static RequestType ofWireName(String wireName) {
        return BY_WIRE_NAME.get(wireName);
    }
}
