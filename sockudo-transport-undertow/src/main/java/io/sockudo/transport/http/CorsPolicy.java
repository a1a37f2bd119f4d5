package io.sockudo.transport.http;

import java.util.List;
import java.util.Locale;

/**
 * Which browser origins may call the HTTP API, and what a preflight allows ({@code cors.*}).
 * An origin pattern is {@code *} (every origin), an exact origin ({@code https://app.example.com}),
 * or a pattern with {@code *} standing for any characters ({@code https://*.example.com}).
 * With {@code *} among the origins, credentials are never allowed: browsers refuse them with a
 * wildcard, and echoing any origin with credentials would hand every site the user's cookies.
 *
 * @param origins        allowed origins or patterns
 * @param methods        methods a preflight allows
 * @param allowedHeaders request headers a preflight allows
 * @param credentials    whether {@code Access-Control-Allow-Credentials: true} is sent to allowed origins
 */
public record CorsPolicy(List<String> origins, List<String> methods, List<String> allowedHeaders, boolean credentials) {

    /** sockudo's defaults: any origin, the usual methods and headers. */
    public static final CorsPolicy DEFAULTS = new CorsPolicy(List.of("*"),
            List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"),
            List.of("Authorization", "Content-Type", "X-Requested-With", "Accept", "X-Idempotency-Key"), true);

    public CorsPolicy {
        origins = List.copyOf(origins);
        methods = List.copyOf(methods);
        allowedHeaders = List.copyOf(allowedHeaders);
        if (anyOrigin(origins)) {
            credentials = false;
        }
    }

    private static boolean anyOrigin(List<String> origins) {
        return origins.stream().anyMatch(o -> o.trim().equals("*"));
    }

    public boolean anyOrigin() {
        return anyOrigin(origins);
    }

    /** Whether a request from this origin ({@code Origin} header) may read the response. */
    public boolean allows(String origin) {
        if (anyOrigin()) {
            return true;
        }
        if (origin == null) {
            return false;
        }
        String o = origin.trim().toLowerCase(Locale.ROOT);
        for (String pattern : origins) {
            if (matches(pattern.trim().toLowerCase(Locale.ROOT), o)) {
                return true;
            }
        }
        return false;
    }

    /** Glob match where {@code *} stands for any run of characters. */
    static boolean matches(String pattern, String origin) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equals(origin);
        }
        String head = pattern.substring(0, star);
        String rest = pattern.substring(star + 1);
        if (!origin.startsWith(head)) {
            return false;
        }
        for (int i = head.length(); i <= origin.length(); i++) {
            if (matches(rest, origin.substring(i))) {
                return true;
            }
        }
        return false;
    }
}
