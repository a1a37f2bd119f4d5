package io.sockudo.adapter;

import io.sockudo.protocol.PusherError;

/**
 * A refused subscription: why, as {@code pusher:subscription_error} reports it (type and status),
 * and the {@code pusher:error} sent with it. Thrown by the checks of a subscribe and answered in
 * one place; it carries no stack trace, since it is an answer, not a failure.
 */
final class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds of refusal and their {@code subscription_error} type and status. */
    enum Kind {
        AUTH("AuthError", 401),
        INVALID_CHANNEL("InvalidChannel", 400),
        INVALID_CHANNEL_DATA("InvalidChannelData", 400),
        MEMBER_LIMIT("LimitReached", 4100),
        CHANNEL_LIMIT("LimitReached", 4100),
        MEMBER_TOO_LARGE("LimitReached", 413),
        INVALID_FILTER("InvalidFilter", 400),
        INVALID_DELTA("InvalidDelta", 400);

        final String type;
        final int status;

        Kind(String type, int status) {
            this.type = type;
            this.status = status;
        }
    }

    private final transient Kind kind;
    private final transient PusherError error;

    Refusal(Kind kind, PusherError error) {
        super(error.message(), null, false, false);
        this.kind = kind;
        this.error = error;
    }

    Kind kind() {
        return kind;
    }

    PusherError error() {
        return error;
    }
}
