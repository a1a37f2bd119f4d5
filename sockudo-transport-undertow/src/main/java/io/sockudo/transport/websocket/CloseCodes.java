package io.sockudo.transport.websocket;

/** RFC 6455 §7.4 close status codes: the ones this server sends, and which a peer may send. */
final class CloseCodes {

    static final int NORMAL = 1000;
    static final int PROTOCOL_ERROR = 1002;
    /** Never on the wire: what a close frame without a status code stands for. */
    static final int NO_STATUS = 1005;
    static final int INVALID_PAYLOAD = 1007;
    static final int MESSAGE_TOO_BIG = 1009;

    private CloseCodes() {
    }

    /**
     * Whether a close frame may carry the code: the defined codes except 1004 (reserved), and
     * 1005, 1006 and 1015, which only stand for conditions and must never be sent; 3000–4999
     * for libraries and applications (Pusher's 4xxx among them).
     */
    static boolean allowedOnWire(int code) {
        return code >= 1000 && code <= 1003
                || code >= 1007 && code <= 1014
                || code >= 3000 && code <= 4999;
    }
}
