package io.sockudo.transport.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * The plain-HTTP port of a TLS server ({@code ssl.redirect_http}): every request is answered 301
 * with the same path and query on {@code https://}, on the TLS port.
 */
public final class HttpsRedirect implements HttpHandler {

    private final int httpsPort;
    private final String fallbackHost;

    /**
     * @param httpsPort    the TLS port the redirect names
     * @param fallbackHost the host to name when a request has no usable {@code Host} header
     */
    public HttpsRedirect(int httpsPort, String fallbackHost) {
        this.httpsPort = httpsPort;
        this.fallbackHost = fallbackHost;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String location = "https://" + hostOf(exchange.getRequestHeaders().getFirst(Headers.HOST))
                + (httpsPort == 443 ? "" : ":" + httpsPort) + exchange.getRequestURI()
                + (exchange.getQueryString().isEmpty() ? "" : "?" + exchange.getQueryString());
        if (!exchange.isRequestComplete()) {
            exchange.setPersistent(false);
        }
        exchange.setStatusCode(301);
        exchange.getResponseHeaders().put(Headers.LOCATION, location);
        exchange.endExchange();
    }

    /** The host of a {@code Host} header without its port; IPv6 literals keep their brackets. */
    private String hostOf(String header) {
        if (header == null || header.isBlank() || header.contains("/") || header.contains("@")) {
            return fallbackHost;
        }
        String h = header.trim();
        int colon = h.lastIndexOf(':');
        if (colon > h.lastIndexOf(']')) {
            h = h.substring(0, colon);
        }
        return h.isEmpty() ? fallbackHost : h;
    }
}
