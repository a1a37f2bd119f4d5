package io.sockudo.protocol;

/**
 * Signatures of channel subscriptions and user sign-ins, as an app's auth endpoint makes them:
 * {@code "<app key>:<hex HMAC-SHA256(secret, string to sign)>"}.
 *
 * <ul>
 *   <li>private and encrypted channels sign {@code socket_id:channel};</li>
 *   <li>presence channels sign {@code socket_id:channel:channel_data};</li>
 *   <li>user sign-in signs {@code socket_id::user::user_data}.</li>
 * </ul>
 */
public final class ChannelAuth {

    private ChannelAuth() {
    }

    public static String channelStringToSign(String socketId, String channel, String channelData) {
        return channelData == null || channelData.isEmpty()
                ? socketId + ':' + channel
                : socketId + ':' + channel + ':' + channelData;
    }

    public static String userStringToSign(String socketId, String userData) {
        return socketId + "::user::" + userData;
    }

    /** The {@code auth} value an auth endpoint returns for a channel subscription. */
    public static String signChannel(String key, String secret, String socketId, String channel, String channelData) {
        return key + ':' + Signatures.hmacSha256Hex(secret, channelStringToSign(socketId, channel, channelData));
    }

    /** The {@code auth} value an auth endpoint returns for a user sign-in. */
    public static String signUser(String key, String secret, String socketId, String userData) {
        return key + ':' + Signatures.hmacSha256Hex(secret, userStringToSign(socketId, userData));
    }

    /**
     * Checks a subscription's {@code auth}.
     *
     * @return {@code null} when valid, otherwise the error message Pusher sends for it
     */
    public static String verifyChannel(String key, String secret, String socketId, String channel, String channelData, String auth) {
        return verify(key, secret, channelStringToSign(socketId, channel, channelData), auth);
    }

    /**
     * Checks a sign-in's {@code auth}.
     *
     * @return {@code null} when valid, otherwise the error message
     */
    public static String verifyUser(String key, String secret, String socketId, String userData, String auth) {
        return verify(key, secret, userStringToSign(socketId, userData), auth);
    }

    private static String verify(String key, String secret, String stringToSign, String auth) {
        if (auth == null || auth.isEmpty()) {
            return "Authentication signature required: expected \"<key>:<HMAC SHA256 hex digest of " + stringToSign + ">\"";
        }
        int colon = auth.indexOf(':');
        if (colon < 0 || !Signatures.constantTimeEquals(key, auth.substring(0, colon))) {
            return "Invalid key in subscription auth data: '" + (colon < 0 ? auth : auth.substring(0, colon)) + "'";
        }
        String expected = Signatures.hmacSha256Hex(secret, stringToSign);
        String given = auth.substring(colon + 1);
        if (!Signatures.constantTimeEquals(expected, given)) {
            return "Invalid signature: Expected HMAC SHA256 hex digest of " + stringToSign + ", but got " + given;
        }
        return null;
    }
}
