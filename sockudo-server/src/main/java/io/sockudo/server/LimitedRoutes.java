package io.sockudo.server;

import io.sockudo.adapter.ratelimit.AsyncRateLimiter;
import io.sockudo.adapter.ratelimit.RateLimiter;
import io.sockudo.store.ratelimit.RateLimitSettings;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * The server's routes behind {@code rate_limiter}: each HTTP API request ({@code /apps/...}) and
 * each WebSocket connection attempt ({@code /app/{key}}) spends one permit of its client address's
 * budget before it is routed. Over the budget the request gets sockudo's answer, 429 with
 * {@code Retry-After}, the {@code X-RateLimit-*} headers and a JSON body, before any
 * signature is checked or upgrade made. Other routes ({@code /up}, ...) are not limited.
 *
 * <p>A limiter that answers at once (memory) is asked inline; one that answers later (Redis) is
 * asked with the exchange dispatched, and routing resumes on the exchange's own I/O thread when
 * the verdict comes, so no I/O thread waits. A limiter that fails refuses the request with a JSON
 * 503: the limit cannot be known, and sockudo's limiter fails closed too.
 */
final class LimitedRoutes extends RoutingHandler {

    private static final System.Logger LOG = System.getLogger(LimitedRoutes.class.getName());
    private static final HttpString LIMIT = HttpString.tryFromString("X-RateLimit-Limit");
    private static final HttpString REMAINING = HttpString.tryFromString("X-RateLimit-Remaining");
    private static final HttpString RESET = HttpString.tryFromString("X-RateLimit-Reset");
    private static final HttpString FORWARDED_FOR = HttpString.tryFromString("X-Forwarded-For");
    private static final HttpString REAL_IP = HttpString.tryFromString("X-Real-IP");
    private static final byte[] TOO_MANY = ("{\"error\":\"Too Many Requests\","
            + "\"message\":\"Rate limit exceeded. Please try again later.\"}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] UNAVAILABLE = ("{\"error\":\"Service Unavailable\","
            + "\"message\":\"The rate limiter cannot be reached. Please try again later.\"}").getBytes(StandardCharsets.UTF_8);

    /** One limit and the limiter counting it. */
    record Limit(RateLimitSettings settings, AsyncRateLimiter<String> limiter) {
    }

    private final Limit api;
    private final Limit websocket;

    LimitedRoutes(Limit api, Limit websocket) {
        super(false); // signatures cover the query exactly as the client sent it
        this.api = api;
        this.websocket = websocket;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        Limit limit = path.startsWith("/apps/") ? api : path.startsWith("/app/") ? websocket : null;
        if (limit == null) {
            super.handleRequest(exchange);
            return;
        }
        RateLimitSettings s = limit.settings();
        String client = s.clientAddress(joined(exchange.getRequestHeaders().get(FORWARDED_FOR)),
                exchange.getRequestHeaders().getFirst(REAL_IP), peer(exchange));
        CompletableFuture<RateLimiter.Decision> verdict;
        try {
            verdict = limit.limiter().tryAcquire(s.keyFor(client), 1, s.maxRequests());
        } catch (RuntimeException e) {
            verdict = CompletableFuture.failedFuture(e);
        }
        if (verdict.isDone()) {
            RateLimiter.Decision d = null;
            Throwable error = null;
            try {
                d = verdict.join();
            } catch (RuntimeException e) {
                error = e;
            }
            proceed(exchange, d, error);
            return;
        }
        CompletableFuture<RateLimiter.Decision> later = verdict;
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> later.whenComplete((d, error) ->
                exchange.getIoThread().execute(() -> {
                    try {
                        proceed(exchange, d, error);
                    } catch (Exception e) {
                        LOG.log(System.Logger.Level.WARNING, "routing " + exchange.getRequestPath() + " failed", e);
                        if (!exchange.isResponseStarted()) {
                            exchange.setStatusCode(500);
                        }
                        exchange.endExchange();
                    }
                })));
    }

    private void proceed(HttpServerExchange exchange, RateLimiter.Decision d, Throwable error) throws Exception {
        if (error != null) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
            send(exchange, 503, UNAVAILABLE);
            return;
        }
        exchange.getResponseHeaders().put(LIMIT, d.limit());
        exchange.getResponseHeaders().put(REMAINING, d.remaining());
        exchange.getResponseHeaders().put(RESET, d.resetSeconds());
        if (!d.allowed()) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, d.resetSeconds());
            send(exchange, 429, TOO_MANY);
            return;
        }
        super.handleRequest(exchange);
    }

    private static void send(HttpServerExchange exchange, int status, byte[] body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.setResponseContentLength(body.length);
        if (!exchange.isRequestComplete()) {
            // a body may be on its way: it is not read, so the connection cannot be reused
            exchange.setPersistent(false);
        }
        exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(body));
    }

    /** Several header lines joined with commas in order, as one list; null when absent. */
    private static String joined(HeaderValues values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    private static String peer(HttpServerExchange exchange) {
        InetSocketAddress a = exchange.getSourceAddress();
        return a == null || a.getAddress() == null ? "unknown" : a.getAddress().getHostAddress();
    }
}
