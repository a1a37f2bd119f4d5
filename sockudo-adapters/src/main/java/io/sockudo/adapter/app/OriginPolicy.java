package io.sockudo.adapter.app;

import java.util.List;
import java.util.Locale;

/**
 * An app's {@code allowed_origins}: which browser origins may open connections. Entries are
 * {@code *} (any), an exact origin ({@code https://app.example.com}), a host with or without a
 * port and no scheme ({@code app.example.com}, {@code localhost:3000}: either scheme), a subdomain
 * wildcard ({@code *.example.com}) or a single {@code *} prefix/suffix pattern. Entries without a
 * scheme are compared with the origin's host and port, so a port must match as written (none
 * means none), as in sockudo. Comparison ignores case. An empty list allows every origin.
 */
public final class OriginPolicy {

    private OriginPolicy() {
    }

    public static boolean allows(List<String> allowed, String origin) {
        if (allowed.isEmpty()) {
            return true;
        }
        String o = origin == null ? "" : origin.toLowerCase(Locale.ROOT);
        String authority = authorityOf(o);
        for (String entry : allowed) {
            String a = entry.trim().toLowerCase(Locale.ROOT);
            if (a.equals("*") || a.equals("any") || a.equals(o) || (!a.contains("://") && a.equals(authority))) {
                return true;
            }
            if (a.startsWith("*.")) {
                String domain = a.substring(2);
                if (authority.endsWith("." + domain)) {
                    return true;
                }
            } else if (a.indexOf('*') >= 0 && a.indexOf('*') == a.lastIndexOf('*')) {
                int star = a.indexOf('*');
                String before = a.substring(0, star);
                String after = a.substring(star + 1);
                String subject = a.contains("://") ? o : authority;
                if (subject.length() >= before.length() + after.length() && subject.startsWith(before) && subject.endsWith(after)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code https://a.example.com:8443/x} → {@code a.example.com:8443}: the host and port. */
    private static String authorityOf(String origin) {
        int scheme = origin.indexOf("://");
        String rest = scheme < 0 ? origin : origin.substring(scheme + 3);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
