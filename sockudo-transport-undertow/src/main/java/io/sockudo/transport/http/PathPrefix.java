package io.sockudo.transport.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Serves every route under a prefix ({@code path_prefix}): {@code /ws/app/KEY},
 * {@code /ws/apps/1/events}, {@code /ws/up}. The routes see the path without the prefix, while
 * signatures are checked against the path the client sent, prefix included, as the client signed it.
 * Paths outside the prefix are answered 404.
 */
public final class PathPrefix implements HttpHandler {

    private final String prefix;
    private final HttpHandler next;

    /** @param prefix {@code /} or empty for none, else a path such as {@code /ws} (a trailing slash is dropped) */
    public PathPrefix(String prefix, HttpHandler next) {
        this.prefix = normalize(prefix);
        this.next = next;
    }

    /** {@code ""} for the root, else the prefix starting with one slash and ending without one. */
    public static String normalize(String prefix) {
        String p = prefix == null ? "" : prefix.trim();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() || p.startsWith("/") ? p : "/" + p;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (prefix.isEmpty()) {
            next.handleRequest(exchange);
            return;
        }
        String path = exchange.getRelativePath();
        if (path.equals(prefix) || path.startsWith(prefix + "/")) {
            String rest = path.substring(prefix.length());
            exchange.setRelativePath(rest.isEmpty() ? "/" : rest);
            next.handleRequest(exchange);
        } else {
            if (!exchange.isRequestComplete()) {
                // the body of a request to nowhere is not read: the connection closes after the answer
                exchange.setPersistent(false);
            }
            Responses.error(exchange, 404, "not_found", "No such route: " + exchange.getRequestMethod() + " "
                    + exchange.getRequestPath() + " (every route is under " + prefix + ")");
        }
    }
}
