package io.sockudo.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The digests Pusher signs with: lowercase hex HMAC-SHA256 keyed by the app secret, MD5 of HTTP
 * bodies, and constant-time comparison so that a signature check leaks nothing through timing.
 */
public final class Signatures {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * {@link Mac} instances are not thread-safe and costly to look up and to key; keep one per
     * thread, keyed with the secret it was last used with ({@code doFinal} leaves it ready for
     * the same key again). A server signs with a handful of app secrets, so the key rarely changes.
     */
    private static final ThreadLocal<KeyedMac> HMAC = ThreadLocal.withInitial(KeyedMac::new);

    private static final class KeyedMac {
        final Mac mac;
        String secret;

        KeyedMac() {
            try {
                mac = Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
            }
        }

        Mac keyedWith(String s) {
            if (!s.equals(secret)) {
                try {
                    mac.init(new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                } catch (GeneralSecurityException e) {
                    secret = null;
                    throw new IllegalArgumentException("unusable app secret", e);
                }
                secret = s;
            }
            return mac;
        }
    }

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is required by the Java platform", e);
        }
    });

    private Signatures() {
    }

    public static String hmacSha256Hex(String secret, String data) {
        return hmacSha256Hex(secret, data.getBytes(StandardCharsets.UTF_8));
    }

    public static String hmacSha256Hex(String secret, byte[] data) {
        return hmacSha256Hex(secret, data, 0, data.length);
    }

    public static String hmacSha256Hex(String secret, byte[] data, int off, int len) {
        Mac mac = HMAC.get().keyedWith(secret);
        mac.update(data, off, len);
        return hex(mac.doFinal());
    }

    public static String md5Hex(byte[] data, int off, int len) {
        MessageDigest md = MD5.get();
        md.reset();
        md.update(data, off, len);
        return hex(md.digest());
    }

    public static String md5Hex(byte[] data) {
        return md5Hex(data, 0, data.length);
    }

    /** Compares two strings in time that depends only on their lengths. */
    public static boolean constantTimeEquals(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    static String hex(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out, StandardCharsets.US_ASCII);
    }
}
