package io.sockudo.adapter.app;

import java.util.List;
import java.util.Locale;

/**
 * An app's {@code allowed_origins}: which browser origins may open connections. Entries are
 * {@code *} (any), an exact origin ({@code https://app.example.com}), a host without scheme
 * ({@code app.example.com}), a subdomain wildcard ({@code *.example.com}) or a single {@code *}
 * prefix/suffix pattern. Comparison ignores case. An empty list allows every origin.
 */
public final class OriginPolicy {

    private OriginPolicy() {
    }

    public static boolean allows(List<String> allowed, String origin) {
        if (allowed.isEmpty()) {
            return true;
        }
        String o = origin == null ? "" : origin.toLowerCase(Locale.ROOT);
        String host = hostOf(o);
        for (String entry : allowed) {
            String a = entry.trim().toLowerCase(Locale.ROOT);
            if (a.equals("*") || a.equals("any") || a.equals(o) || (!a.contains("://") && a.equals(host))) {
                return true;
            }
            if (a.startsWith("*.")) {
                String domain = a.substring(2);
                if (host.endsWith("." + domain)) {
                    return true;
                }
            } else if (a.indexOf('*') >= 0 && a.indexOf('*') == a.lastIndexOf('*')) {
                int star = a.indexOf('*');
                String before = a.substring(0, star);
                String after = a.substring(star + 1);
                String subject = a.contains("://") ? o : host;
                if (subject.length() >= before.length() + after.length() && subject.startsWith(before) && subject.endsWith(after)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code https://a.example.com:8443} → {@code a.example.com}. */
    private static String hostOf(String origin) {
        int scheme = origin.indexOf("://");
        String rest = scheme < 0 ? origin : origin.substring(scheme + 3);
        int colon = rest.lastIndexOf(':');
        int slash = rest.indexOf('/');
        int end = slash < 0 ? rest.length() : slash;
        if (colon >= 0 && colon < end && rest.indexOf(']') < colon) {
            end = colon;
        }
        return rest.substring(0, end);
    }
}
