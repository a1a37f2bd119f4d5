package io.sockudo.transport.websocket;

import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.Protocols;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * RFC 6455 §4.2.1: what makes a request a WebSocket opening handshake. A request that is not one
 * gets an HTTP answer saying which rule it broke, never a 101.
 */
final class OpeningHandshake {

    static final HttpString SEC_WEBSOCKET_KEY = HttpString.tryFromString("Sec-WebSocket-Key");
    static final HttpString SEC_WEBSOCKET_VERSION = HttpString.tryFromString("Sec-WebSocket-Version");
    static final HttpString SEC_WEBSOCKET_ACCEPT = HttpString.tryFromString("Sec-WebSocket-Accept");
    static final String VERSION = "13";

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** 16 bytes in base64, padding included. */
    private static final int KEY_CHARS = 24;

    /** Why a request is not upgraded, as the HTTP status and the error body's code and message. */
    record Refusal(int status, String code, String message) {
    }

    private OpeningHandshake() {
    }

    /** The first rule the request breaks, or empty when it may be upgraded. */
    static Optional<Refusal> check(HttpString method, HttpString protocol, HeaderMap headers) {
        if (!Methods.GET.equals(method)) {
            return refuse(405, "method_not_allowed", "WebSocket connections are opened with GET");
        }
        if (!Protocols.HTTP_1_1.equals(protocol)) {
            return refuse(400, "http_version_not_supported", "A WebSocket opening handshake is an HTTP/1.1 request");
        }
        if (headers.count(Headers.HOST) != 1) {
            return refuse(400, "invalid_host", "A WebSocket opening handshake names its Host once");
        }
        if (!hasToken(headers.get(Headers.UPGRADE), "websocket") || !hasToken(headers.get(Headers.CONNECTION), "upgrade")) {
            return refuse(400, "upgrade_required", "This endpoint speaks WebSocket: send an Upgrade: websocket request");
        }
        HeaderValues versions = headers.get(SEC_WEBSOCKET_VERSION);
        if (versions != null && versions.size() > 1) {
            return refuse(400, "invalid_websocket_version", "Sec-WebSocket-Version must be sent once");
        }
        if (versions == null || !VERSION.equals(versions.getFirst().trim())) {
            return refuse(426, "unsupported_websocket_version", "Only WebSocket version 13 is supported");
        }
        HeaderValues keys = headers.get(SEC_WEBSOCKET_KEY);
        if (keys == null || keys.size() != 1 || !validKey(keys.getFirst())) {
            return refuse(400, "invalid_websocket_key", "Sec-WebSocket-Key must be sent once, 16 bytes in base64");
        }
        return Optional.empty();
    }

    /** The Sec-WebSocket-Accept value that proves the server read the key. */
    static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key.trim() + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by the Java platform", e);
        }
    }

    private static Optional<Refusal> refuse(int status, String code, String message) {
        return Optional.of(new Refusal(status, code, message));
    }

    /** Whether a comma-separated header (over all its lines) lists the token, in any case. */
    private static boolean hasToken(HeaderValues values, String token) {
        if (values == null) {
            return false;
        }
        for (String value : values) {
            for (String t : value.split(",")) {
                if (t.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean validKey(String key) {
        String k = key.trim();
        if (k.length() != KEY_CHARS) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(k).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
