package io.sockudo.protocol;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Pusher's HTTP API request signing.
 *
 * <p>The signed string is {@code METHOD\nPATH\nQUERY} where QUERY holds every parameter except
 * {@code auth_signature}, keys lower-cased, sorted by key and joined as {@code k=v} with {@code &},
 * values as they were before URL encoding. {@code body_md5} (hex MD5 of the raw body) is required
 * whenever there is a body, so a signature also covers the payload; {@code auth_timestamp} must be
 * within {@link #MAX_CLOCK_SKEW_SECONDS} of the server's clock so captured requests cannot be
 * replayed later.
 */
public final class ApiSignature {

    public static final long MAX_CLOCK_SKEW_SECONDS = 600;

    private ApiSignature() {
    }

    /** One decoded query parameter. */
    public record Param(String name, String value) {
    }

    /**
     * Verifies a request's signature.
     *
     * @param method   HTTP method, e.g. {@code POST}
     * @param path     the request path as the client signed it, e.g. {@code /apps/1/events}
     * @param params   the decoded query parameters, in any order
     * @param body     the raw body (empty for none)
     * @param secret   the app's secret
     * @param nowEpochSeconds the server's clock
     * @return {@code null} when the request is authentic, otherwise why not
     */
    public static String verify(String method, String path, List<Param> params, byte[] body, String secret, long nowEpochSeconds) {
        String error = verifyQuery(method, path, params, body.length > 0, secret, nowEpochSeconds);
        return error != null ? error : verifyBody(params, body);
    }

    /**
     * Verifies everything but the body itself: the signature, the timestamp, and that a
     * {@code body_md5} is signed when a body follows. A server calls it before reading the body,
     * so that nobody without the secret can make it read one; {@link #verifyBody} finishes the job.
     *
     * @param bodyFollows whether the request has a body (any length over zero, or one of unknown length)
     * @return {@code null} when the query is authentic, otherwise why not
     */
    public static String verifyQuery(String method, String path, List<Param> params, boolean bodyFollows,
                                     String secret, long nowEpochSeconds) {
        String signature = value(params, "auth_signature");
        String timestamp = value(params, "auth_timestamp");
        if (signature == null || signature.isEmpty()) {
            return "Missing auth_signature";
        }
        if (timestamp == null) {
            return "Missing auth_timestamp";
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "Invalid auth_timestamp";
        }
        if (Math.abs(nowEpochSeconds - ts) > MAX_CLOCK_SKEW_SECONDS) {
            return "Timestamp expired: auth_timestamp is more than " + MAX_CLOCK_SKEW_SECONDS + " seconds from the server time";
        }
        if (bodyFollows && value(params, "body_md5") == null) {
            return "Missing body_md5";
        }
        String expected = Signatures.hmacSha256Hex(secret, stringToSign(method, path, params));
        if (!Signatures.constantTimeEquals(expected, signature)) {
            return "Invalid signature: you should have sent HmacSHA256Hex(\"" + stringToSign(method, path, params).replace("\n", "\\n")
                    + "\", your_secret_key), but you sent \"" + signature + "\"";
        }
        return null;
    }

    /**
     * Verifies that the body is the one signed: its MD5 is the query's {@code body_md5}. A
     * {@code body_md5} given with an empty body must be the empty body's hash.
     *
     * @return {@code null} when it is, otherwise why not
     */
    public static String verifyBody(List<Param> params, byte[] body) {
        String bodyMd5 = value(params, "body_md5");
        if (bodyMd5 == null) {
            return body.length > 0 ? "Missing body_md5" : null;
        }
        if (!Signatures.constantTimeEquals(Signatures.md5Hex(body), bodyMd5)) {
            return "Invalid body_md5: it does not match the request body";
        }
        return null;
    }

    /** The last value of a parameter, or null; callers that must refuse repeated parameters check before. */
    private static String value(List<Param> params, String name) {
        String v = null;
        for (Param p : params) {
            if (p.name().equals(name)) {
                v = p.value();
            }
        }
        return v;
    }

    public static String stringToSign(String method, String path, List<Param> params) {
        List<Param> sorted = new ArrayList<>(params.size());
        for (Param p : params) {
            if (!p.name().equals("auth_signature")) {
                sorted.add(new Param(p.name().toLowerCase(java.util.Locale.ROOT), p.value()));
            }
        }
        sorted.sort(Comparator.comparing(Param::name).thenComparing(Param::value));
        StringBuilder sb = new StringBuilder(64 + 32 * sorted.size());
        sb.append(method).append('\n').append(path).append('\n');
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0) {
                sb.append('&');
            }
            sb.append(sorted.get(i).name()).append('=').append(sorted.get(i).value());
        }
        return sb.toString();
    }

    /**
     * Signs a request the way the Pusher server SDKs do, returning the full query string (URL
     * encoded) to append after {@code ?}. Used by tools and tests that talk to the HTTP API.
     */
    public static String signedQuery(String method, String path, Map<String, String> extraParams, byte[] body,
                                      String key, String secret, long nowEpochSeconds) {
        List<Param> params = new ArrayList<>();
        params.add(new Param("auth_key", key));
        params.add(new Param("auth_timestamp", Long.toString(nowEpochSeconds)));
        params.add(new Param("auth_version", "1.0"));
        if (body != null && body.length > 0) {
            params.add(new Param("body_md5", Signatures.md5Hex(body)));
        }
        extraParams.forEach((k, v) -> params.add(new Param(k, v)));
        String signature = Signatures.hmacSha256Hex(secret, stringToSign(method, path, params));
        StringBuilder sb = new StringBuilder();
        for (Param p : params) {
            sb.append(URLEncoder.encode(p.name(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(p.value(), StandardCharsets.UTF_8)).append('&');
        }
        return sb.append("auth_signature=").append(signature).toString();
    }
}
