package io.sockudo.server.testpage;

import io.sockudo.adapter.app.AppManager;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The interactive test page: a browser page, its scripts (pusher-js among them, served from the
 * jar so the page works offline) and the two endpoints that sign for it, all below one path.
 * Exists only when {@code test_page.enabled} is set, because the endpoints sign with the apps'
 * secrets for anyone who can reach them.
 *
 * <pre>{@code
 * new TestPage(appManager, "/test-page").addRoutes(routes);
 * }</pre>
 */
public final class TestPage {

    private static final String JAVASCRIPT = "text/javascript; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";

    /** The page's files: name below the page's path, type. Nothing else of the class path is served. */
    private static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("index.html", "text/html; charset=utf-8"),
            Map.entry("page.js", JAVASCRIPT),
            Map.entry("delta.js", JAVASCRIPT),
            Map.entry("page.css", "text/css; charset=utf-8"),
            Map.entry("vendor/pusher-with-encryption.min.js", JAVASCRIPT),
            Map.entry("vendor/nacl-fast.min.js", JAVASCRIPT),
            Map.entry("vendor/fossil-delta.js", JAVASCRIPT),
            // the vendored scripts' licences travel with them
            Map.entry("vendor/pusher-with-encryption.min.js.LICENSE.txt", TEXT),
            Map.entry("vendor/tweetnacl.LICENSE.txt", TEXT),
            Map.entry("vendor/fossil-delta.LICENSE.txt", TEXT));

    /** Scripts and styles come from the page's own path only; the page talks to this server only. */
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; object-src 'none'; base-uri 'none'";

    private final String path;
    private final PageSigning signing;
    private final Map<String, Asset> assets;

    private record Asset(String type, ByteBuffer bytes) {
    }

    public TestPage(AppManager apps, String path) {
        this.path = path;
        this.signing = new PageSigning(apps);
        this.assets = loadAssets(path);
    }

    /** Adds the page's routes below its path. */
    public void addRoutes(RoutingHandler routes) {
        routes.get(path, this::redirectToDirectory)
                .get(path + "/", exchange -> serve(exchange, "index.html"))
                .get(path + "/{file}", exchange -> serve(exchange, file(exchange)))
                .get(path + "/vendor/{file}", exchange -> serve(exchange, "vendor/" + file(exchange)))
                .post(path + "/auth", blocking(signing::authorizeChannel))
                .post(path + "/sign-event", blocking(signing::signEvent));
    }

    private static String file(HttpServerExchange exchange) {
        return exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get("file");
    }

    /** The page's relative links need the trailing slash. */
    private void redirectToDirectory(HttpServerExchange exchange) {
        exchange.setStatusCode(StatusCodes.FOUND);
        exchange.getResponseHeaders().put(Headers.LOCATION, path + "/");
        exchange.endExchange();
    }

    private void serve(HttpServerExchange exchange, String name) {
        Asset asset = assets.get(name);
        if (asset == null) {
            PageSigning.error(exchange, StatusCodes.NOT_FOUND, "no such file of the test page: " + name);
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, asset.type())
                .put(Headers.CACHE_CONTROL, "no-cache")
                .put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff")
                .put(Headers.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
        exchange.getResponseSender().send(asset.bytes().duplicate());
    }

    /** Signing reads a form and may wait for an app store: not on an I/O thread. */
    private static HttpHandler blocking(HttpHandler handler) {
        return new BlockingHandler(handler);
    }

    /**
     * The page learns its own path from a meta tag, so that whatever comes before it in its URL
     * (a path prefix, a proxy's location) is put before the WebSocket and HTTP API paths too.
     */
    private static Map<String, Asset> loadAssets(String path) {
        Map<String, Asset> out = new HashMap<>();
        FILES.forEach((name, type) -> {
            try (InputStream in = TestPage.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("the test page's " + name + " is missing from the class path");
                }
                byte[] bytes = in.readAllBytes();
                if (name.equals("index.html")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8).replace("{{TEST_PAGE_PATH}}", path)
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.put(name, new Asset(type, ByteBuffer.wrap(bytes).asReadOnlyBuffer()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the test page's " + name, e);
            }
        });
        return Map.copyOf(out);
    }
}
