package io.sockudo.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes the {@code auth} strings an app's auth endpoint would return, computed here from Pusher's
 * documented formula rather than with the server's own code, so that a signing bug on the server
 * cannot agree with itself.
 */
public final class AppSigner {

    private final String key;
    private final String secret;

    public AppSigner(String key, String secret) {
        this.key = key;
        this.secret = secret;
    }

    /** The signer of {@link TestApp}. */
    public static AppSigner testApp() {
        return new AppSigner(TestApp.KEY, TestApp.SECRET);
    }

    /** {@code key:HMAC(secret, "socket_id:channel")}, for private and encrypted channels. */
    public String channel(String socketId, String channel) {
        return key + ":" + hmac(socketId + ":" + channel);
    }

    /** {@code key:HMAC(secret, "socket_id:channel:channel_data")}, for presence channels. */
    public String presence(String socketId, String channel, String channelData) {
        return key + ":" + hmac(socketId + ":" + channel + ":" + channelData);
    }

    /** {@code key:HMAC(secret, "socket_id::user::user_data")}, for {@code pusher:signin}. */
    public String user(String socketId, String userData) {
        return key + ":" + hmac(socketId + "::user::" + userData);
    }

    public String hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
