package io.sockudo.protocol;

/**
 * A Pusher protocol error: the code a client sees in {@code pusher:error} and, when the error ends
 * the connection, in the WebSocket close frame.
 *
 * <p>Codes follow Pusher's ranges, which clients act on: 4000–4099 the client must not reconnect,
 * 4100–4199 reconnect with back-off, 4200–4299 reconnect at once, 4300+ the client must not
 * retry the same action. The factories below are the only place where codes and messages are
 * chosen, so every refusal of the same kind reads the same.
 *
 * @param code    the Pusher error code, 4000–4399
 * @param message a human-readable explanation, sent to the client verbatim
 */
public record PusherError(int code, String message) {

    public static final int INVALID_MESSAGE = 4000;
    public static final int APP_NOT_FOUND = 4001;
    public static final int APP_DISABLED = 4003;
    public static final int OVER_CONNECTION_QUOTA = 4004;
    public static final int PATH_NOT_FOUND = 4005;
    public static final int INVALID_VERSION = 4006;
    public static final int UNSUPPORTED_PROTOCOL = 4007;
    public static final int NO_PROTOCOL = 4008;
    public static final int UNAUTHORIZED = 4009;
    public static final int OVER_CAPACITY = 4100;
    public static final int RECONNECT = 4200;
    public static final int PONG_NOT_RECEIVED = 4201;
    public static final int CLOSED_AFTER_INACTIVITY = 4202;
    public static final int CHANNEL_ERROR = 4300;
    public static final int CLIENT_EVENT_REJECTED = 4301;
    public static final int WATCHLIST_LIMIT = 4302;

    public PusherError {
        if (code < 4000 || code > 4399) {
            throw new IllegalArgumentException("Pusher error codes are 4000-4399, got " + code);
        }
        if (message == null) {
            throw new IllegalArgumentException("message is required");
        }
    }

    public static PusherError invalidMessage(String detail) {
        return new PusherError(INVALID_MESSAGE, "Invalid message format: " + detail);
    }

    public static PusherError appNotFound(String key) {
        return new PusherError(APP_NOT_FOUND, "App key " + key + " does not exist");
    }

    public static PusherError appDisabled() {
        return new PusherError(APP_DISABLED, "Application is disabled");
    }

    public static PusherError overConnectionQuota() {
        return new PusherError(OVER_CONNECTION_QUOTA, "Application is over connection quota");
    }

    public static PusherError pathNotFound() {
        return new PusherError(PATH_NOT_FOUND, "Path not found");
    }

    public static PusherError invalidVersion(String version) {
        return new PusherError(INVALID_VERSION, "Invalid version string format: " + version);
    }

    public static PusherError unsupportedProtocol(int version) {
        return new PusherError(UNSUPPORTED_PROTOCOL, "Unsupported protocol version: " + version);
    }

    public static PusherError noProtocol() {
        return new PusherError(NO_PROTOCOL, "No protocol version supplied");
    }

    public static PusherError unauthorized(String message) {
        return new PusherError(UNAUTHORIZED, message);
    }

    public static PusherError originNotAllowed() {
        return new PusherError(UNAUTHORIZED, "Origin not allowed");
    }

    public static PusherError overCapacity() {
        return new PusherError(OVER_CAPACITY, "Over capacity");
    }

    public static PusherError serverShuttingDown() {
        return new PusherError(RECONNECT, "Server shutting down. Please reconnect shortly.");
    }

    public static PusherError pongNotReceived() {
        return new PusherError(PONG_NOT_RECEIVED, "Pong reply not received in time");
    }

    public static PusherError channelError(String message) {
        return new PusherError(CHANNEL_ERROR, message);
    }

    public static PusherError clientEventRejected(String message) {
        return new PusherError(CLIENT_EVENT_REJECTED, message);
    }

    /** The WebSocket close code that goes with this error when it ends the connection. */
    public int closeCode() {
        return code;
    }
}
