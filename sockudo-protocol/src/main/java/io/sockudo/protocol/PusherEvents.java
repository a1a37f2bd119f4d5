package io.sockudo.protocol;

/** Event names of the Pusher protocol. */
public final class PusherEvents {

    public static final String CONNECTION_ESTABLISHED = "pusher:connection_established";
    public static final String ERROR = "pusher:error";
    public static final String PING = "pusher:ping";
    public static final String PONG = "pusher:pong";
    public static final String SUBSCRIBE = "pusher:subscribe";
    public static final String UNSUBSCRIBE = "pusher:unsubscribe";
    public static final String SIGNIN = "pusher:signin";
    public static final String SIGNIN_SUCCESS = "pusher:signin_success";
    public static final String CACHE_MISS = "pusher:cache_miss";
    public static final String SUBSCRIPTION_ERROR = "pusher:subscription_error";
    public static final String SUBSCRIPTION_SUCCEEDED = "pusher_internal:subscription_succeeded";
    public static final String SUBSCRIPTION_COUNT = "pusher_internal:subscription_count";
    public static final String MEMBER_ADDED = "pusher_internal:member_added";
    public static final String MEMBER_REMOVED = "pusher_internal:member_removed";
    public static final String WATCHLIST_EVENTS = "pusher_internal:watchlist_events";
    public static final String ENABLE_DELTA_COMPRESSION = "pusher:enable_delta_compression";
    public static final String DELTA_COMPRESSION_ENABLED = "pusher:delta_compression_enabled";
    public static final String DELTA = "pusher:delta";
    public static final String DELTA_SYNC_ERROR = "pusher:delta_sync_error";

    public static final String CLIENT_EVENT_PREFIX = "client-";
    public static final String PUSHER_PREFIX = "pusher:";
    public static final String PUSHER_INTERNAL_PREFIX = "pusher_internal:";

    private PusherEvents() {
    }

    /** Names an app may not use for its own events: they would impersonate the protocol. */
    public static boolean isReserved(String event) {
        return event.startsWith(PUSHER_PREFIX) || event.startsWith(PUSHER_INTERNAL_PREFIX);
    }
}
