package io.sockudo.transport.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

/**
 * Puts the CORS headers of a {@link CorsPolicy} on every response, and answers preflights
 * ({@code OPTIONS}) on every path itself (browsers send them before signed API calls) without
 * making every path a known route.
 */
public final class CorsHandler implements HttpHandler {

    static final HttpString ALLOW_ORIGIN = HttpString.tryFromString("Access-Control-Allow-Origin");
    private static final HttpString ALLOW_CREDENTIALS = HttpString.tryFromString("Access-Control-Allow-Credentials");
    private static final HttpString ALLOW_METHODS = HttpString.tryFromString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = HttpString.tryFromString("Access-Control-Allow-Headers");
    private static final HttpString MAX_AGE = HttpString.tryFromString("Access-Control-Max-Age");

    private final CorsPolicy policy;
    private final HttpHandler next;
    private final String methods;
    private final String headers;

    public CorsHandler(CorsPolicy policy, HttpHandler next) {
        this.policy = policy;
        this.next = next;
        this.methods = String.join(", ", policy.methods());
        this.headers = String.join(", ", policy.allowedHeaders());
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        HeaderMap out = exchange.getResponseHeaders();
        boolean allowed = policy.allows(origin);
        if (policy.anyOrigin()) {
            out.put(ALLOW_ORIGIN, "*");
        } else {
            // the answer depends on the Origin header: caches must keep one per origin
            out.put(Headers.VARY, "Origin");
            if (allowed) {
                out.put(ALLOW_ORIGIN, origin);
                if (policy.credentials()) {
                    out.put(ALLOW_CREDENTIALS, "true");
                }
            }
        }
        if (!exchange.getRequestMethod().equals(Methods.OPTIONS)) {
            next.handleRequest(exchange);
            return;
        }
        if (!exchange.isRequestComplete()) {
            // a preflight has no body; if one comes anyway, it is not waited for
            exchange.setPersistent(false);
        }
        exchange.setStatusCode(204);
        if (allowed) {
            out.put(ALLOW_METHODS, methods);
            out.put(ALLOW_HEADERS, headers);
            out.put(MAX_AGE, "86400");
        }
        exchange.endExchange();
    }
}
